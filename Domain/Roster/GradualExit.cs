using CivilAffairs.Domain.Common;

namespace CivilAffairs.Domain.Roster;

/// <summary>
/// 渐退期: a household stopped because its income rose above the line (a member found work) may keep its assistance for a
/// few more months, so taking a job is not punished at once. 民发〔2021〕57号 (最低生活保障审核确认办法) allows it
/// ("可给予一定时间的渐退期", as the research read it; the bureau sets the months by its province's rule). Off by default:
/// <c>Roster:GradualExitMonths</c> = 0.
/// </summary>
public sealed class GradualExitPolicy
{
    /// <summary>Months assistance continues after the month the income rose; 0 (the default) stops at once.</summary>
    public int GradualExitMonths { get; set; }

    /// <summary>The month the stop takes effect for a stop requested from <paramref name="month"/> for <paramref name="reason"/>.</summary>
    public YearMonth StopsFrom(YearMonth month, StopReason reason) =>
        reason == StopReason.IncomeAboveLine && GradualExitMonths > 0 ? month.AddMonths(GradualExitMonths) : month;

    /// <summary>What the stop's note says of it, or null when there is no gradual exit.</summary>
    public string? Note(YearMonth month, StopReason reason) =>
        StopsFrom(month, reason) is var from && from != month ? Messages.Format("GradualExit.Note", GradualExitMonths, from) : null;
}
