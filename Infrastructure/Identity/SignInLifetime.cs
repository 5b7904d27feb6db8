namespace CivilAffairs.Infrastructure.Identity;

/// <summary>How long a sign-in lasts (Security:Session): idle timeout, absolute lifetime, and how fresh a password must be.</summary>
public sealed class SignInLifetime
{
    public int IdleMinutes { get; set; } = 30;
    public int AbsoluteHours { get; set; } = 12;
    /// <summary>Revealing or exporting full ID numbers asks for the password again when it was last given longer ago than this.</summary>
    public int ConfirmPasswordMinutes { get; set; } = 15;
    /// <summary>How often an open page re-checks its session; at most a quarter of the idle time, so a page outlives it by little.</summary>
    public int CheckSeconds { get; set; } = 30;

    public TimeSpan Idle => TimeSpan.FromMinutes(IdleMinutes);
    public TimeSpan Absolute => TimeSpan.FromHours(AbsoluteHours);
    public TimeSpan ConfirmPassword => TimeSpan.FromMinutes(ConfirmPasswordMinutes);
    /// <summary>Within this much a session's last use is not renewed again: a page view or a click is not a write each time.</summary>
    public TimeSpan Touch => TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, Idle.Ticks / 8));
    public TimeSpan Check => TimeSpan.FromSeconds(Math.Clamp(CheckSeconds, 1, Math.Max(1, IdleMinutes * 60 / 4)));
}
