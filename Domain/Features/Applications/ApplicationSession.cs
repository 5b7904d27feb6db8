using CivilAffairs.Domain.Applications;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;

namespace CivilAffairs.Domain.Features.Applications;

/// <summary>The lookups the application use cases share: a file with its rows, and the county-wide duplicate checks.</summary>
public static class ApplicationSession
{
    /// <summary>The file tracked with its members, objections and timeline; null when missing or outside the caller's area.</summary>
    public static async Task<AssistanceApplication?> LoadApplicationAsync(this IDataSession session, int id, CancellationToken ct)
    {
        var application = await session.FirstOrDefaultAsync(session.Edit<AssistanceApplication>().Where(a => a.Id == id), ct);
        if (application is null) return null;
        await session.ToListAsync(session.Edit<ApplicationMember>().Where(m => m.ApplicationId == id), ct);
        await session.ToListAsync(session.Edit<ApplicationObjection>().Where(o => o.ApplicationId == id), ct);
        await session.ToListAsync(session.Edit<ApplicationStep>().Where(s => s.ApplicationId == id), ct);
        return application;
    }

    /// <summary>
    /// 是否在保 and 是否重复申请, across the whole county whatever the caller's area: for each ID number, the household it is
    /// active in (and whether the caller may see it), the programmes it already receives, and another open file with it.
    /// The answers name no one: a township learns only that a number is taken elsewhere.
    /// </summary>
    public static async Task<IReadOnlyList<ApplicantStanding>> StandingOfAsync(this IDataSession session, IReadOnlyList<string> idNumbers,
        Programme programme, int? exceptApplicationId, CancellationToken ct)
    {
        var ids = idNumbers.Select(AssistanceApplication.Normalize).Distinct().ToList();
        var active = await session.ToListAsync(session.QueryAcrossAreas<Person>()
            .Where(p => ids.Contains(p.IdNumber) && p.Status == PersonStatus.Active)
            .Select(p => new { p.Id, p.IdNumber, p.HouseholdId }), ct);
        var households = active.Select(a => a.HouseholdId).Distinct().ToList();
        var visible = (await session.ToListAsync(session.Query<Household>().Where(h => households.Contains(h.Id)).Select(h => h.Id), ct)).ToHashSet();
        var open = await session.ToListAsync(session.QueryAcrossAreas<Enrollment>()
            .Where(e => households.Contains(e.HouseholdId) && e.ToMonth == null)
            .Select(e => new { e.HouseholdId, e.PersonId, e.VariantCode }), ct);
        var sameProgramme = ProgrammeCatalogue.All.Where(v => v.Programme == programme).Select(v => v.Code).ToList();
        var applying = await session.ToListAsync(session.QueryAcrossAreas<ApplicationMember>()
            .Where(m => ids.Contains(m.IdNumber))
            .Join(session.QueryAcrossAreas<AssistanceApplication>(), m => m.ApplicationId, a => a.Id, (m, a) => new { m.IdNumber, a.Id, a.Stage, a.VariantCode })
            .Where(x => x.Stage != ApplicationStage.Approved && x.Stage != ApplicationStage.Rejected && sameProgramme.Contains(x.VariantCode)
                        && x.Id != (exceptApplicationId ?? 0)), ct);
        return ids.Select(id =>
        {
            var person = active.FirstOrDefault(a => a.IdNumber == id);
            var programmes = person is null ? [] : open
                .Where(e => e.HouseholdId == person.HouseholdId && (e.PersonId == null || e.PersonId == person.Id))
                .Select(e => ProgrammeCatalogue.Find(e.VariantCode)!).ToList();
            return new ApplicantStanding(id, person?.HouseholdId, person is not null && visible.Contains(person.HouseholdId), person?.Id,
                programmes, applying.Where(x => x.IdNumber == id).Select(x => (int?)x.Id).FirstOrDefault());
        }).ToList();
    }
}

/// <summary>One ID number as the county's records know it at 受理 and at 审核确认.</summary>
/// <param name="HouseholdId">The household the person is active in, anywhere in the county.</param>
/// <param name="Visible">Whether that household is in the caller's area (else nothing of it is shown).</param>
/// <param name="Receives">What the person (or their household) already receives.</param>
/// <param name="OpenApplicationId">Another open file of the same programme with this person in it.</param>
public sealed record ApplicantStanding(string IdNumber, int? HouseholdId, bool Visible, int? PersonId, IReadOnlyList<ProgrammeVariant> Receives,
    int? OpenApplicationId)
{
    public bool OnRoster => HouseholdId is not null;

    /// <summary>The rule this standing is held to, for a file of <paramref name="variant"/> that does or does not make a new household.</summary>
    public ApplicantMayApply Rule(ProgrammeVariant variant, bool joinsNewHousehold) =>
        new(IdNumber, OnRoster, Visible, Receives.Any(v => v.Programme == variant.Programme), HouseholdId, OpenApplicationId, joinsNewHousehold);

    /// <summary>What the check found, in the words a caseworker reads (ID masked); null when the person is clear.</summary>
    public string? Finding => (OnRoster, OpenApplicationId) switch
    {
        (false, null) => null,
        (false, { } other) => Messages.Format("Application.AlreadyApplying", Masking.Mask(IdNumber), other),
        (true, var other) => (Visible
                ? Messages.Format("Application.OnRoster", Masking.Mask(IdNumber), HouseholdId,
                    Receives.Count == 0 ? Messages.Get("Application.ReceivesNothing") : string.Join("、", Receives.Select(v => v.Name)))
                : Messages.Format("Application.OnRosterElsewhere", Masking.Mask(IdNumber)))
            + (other is { } id ? Messages.Format("Application.AlsoApplying", id) : ""),
    };
}
