using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using Mediator;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>How the roster list is ordered.</summary>
public enum RosterSort { Name = 1, Age = 2, Community = 3, Household = 4 }

/// <summary>What the roster is filtered by: name (prefix), ID number (all 18 characters, or the last digits), area, programme, tier, status.</summary>
public sealed record RosterFilter(
    string JurisdictionCode,
    string? Name = null,
    string? IdNumber = null,
    int? TownshipId = null,
    int? CommunityId = null,
    Programme? Programme = null,
    string? VariantCode = null,
    HouseholdStatus? Status = HouseholdStatus.Active);

/// <summary>
/// 花名册 search: one page, sorted in SQL. The count stops at <see cref="SearchRosterHandler.CountCap"/> so the page
/// answers at once at a million persons; <see cref="CountRoster"/> gives the exact total.
/// </summary>
[RequiresPermission(Permission.ViewRoster)]
public sealed record SearchRoster(RosterFilter Filter, RosterSort Sort = RosterSort.Household, bool Descending = false, int Page = 0,
    int PageSize = 25) : IRequest<RosterPage>;

/// <summary>The exact number of persons matching a filter (a full count: at a million persons, about a second on SQLite).</summary>
[RequiresPermission(Permission.ViewRoster)]
public sealed record CountRoster(RosterFilter Filter) : IRequest<int>;

/// <summary>One person as the roster lists them; the ID number is masked.</summary>
public sealed record RosterRow(int PersonId, int HouseholdId, string Name, string IdNumberMasked, Sex Sex, int Age,
    Relationship Relationship, string Township, string Community, HouseholdStatus Status, IReadOnlyList<string> Programmes);

/// <summary>A page of the roster and how many persons match, exactly or at least (<see cref="TotalIsExact"/>).</summary>
public sealed record RosterPage(IReadOnlyList<RosterRow> Rows, int TotalCount, bool TotalIsExact = true);

/// <summary>Builds the filtered query once, counts it up to a cap, and reads only the requested page.</summary>
public sealed class SearchRosterHandler(IDataSessionFactory data, IClock clock)
    : IRequestHandler<SearchRoster, RosterPage>, IRequestHandler<CountRoster, int>
{
    public const int MaxPageSize = 200;
    /// <summary>Counting stops here: enough for forty pages, and cheap at any roster size and filter.</summary>
    public const int CountCap = 1_000;

    public async ValueTask<int> Handle(CountRoster request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var persons = await FilterAsync(session, request.Filter, ct);
        return persons is null ? 0 : await session.CountAsync(persons, ct);
    }

    public async ValueTask<RosterPage> Handle(SearchRoster request, CancellationToken ct)
    {
        await using var session = await data.OpenAsync(ct);
        var persons = await FilterAsync(session, request.Filter, ct);
        if (persons is null) return new RosterPage([], 0);

        var capped = await session.CountAsync(persons.Take(CountCap + 1), ct);
        var total = Math.Min(capped, CountCap);
        var exact = capped <= CountCap;
        // Searching by name reads the name index in order; sorting its matches by household would sort them all.
        var sort = request.Sort == RosterSort.Household && !string.IsNullOrWhiteSpace(request.Filter.Name) ? RosterSort.Name : request.Sort;
        persons = (sort, request.Descending) switch
        {
            (RosterSort.Name, false) => persons.OrderBy(p => p.Name).ThenBy(p => p.Id),
            (RosterSort.Name, true) => persons.OrderByDescending(p => p.Name).ThenBy(p => p.Id),
            (RosterSort.Age, false) => persons.OrderByDescending(p => p.BirthDate).ThenBy(p => p.Id),
            (RosterSort.Age, true) => persons.OrderBy(p => p.BirthDate).ThenBy(p => p.Id),
            (RosterSort.Community, false) => persons.OrderBy(p => p.Household!.CommunityId).ThenBy(p => p.HouseholdId).ThenBy(p => p.Id),
            (RosterSort.Community, true) => persons.OrderByDescending(p => p.Household!.CommunityId).ThenBy(p => p.HouseholdId).ThenBy(p => p.Id),
            (_, false) => persons.OrderBy(p => p.HouseholdId).ThenBy(p => p.Relationship).ThenBy(p => p.Id),
            (_, true) => persons.OrderByDescending(p => p.HouseholdId).ThenBy(p => p.Relationship).ThenBy(p => p.Id),
        };
        return await PageAsync(session, persons, request, total, exact, ct);
    }

    internal static async Task<IQueryable<Person>?> FilterAsync(IDataSession session, RosterFilter request, CancellationToken ct)
    {
        var jurisdictionId = await session.FindJurisdictionIdAsync(request.JurisdictionCode, ct);
        if (jurisdictionId is null) return null;

        // Household conditions go in an EXISTS probed by primary key, not a join: with a join SQLite scans every household
        // and sorts; with EXISTS it walks persons in the index order of the page and stops after one page.
        var households = session.Query<Household>().Where(h => h.JurisdictionId == jurisdictionId);
        if (request.Status is { } status) households = households.Where(h => h.Status == status);
        if (request.CommunityId is { } community) households = households.Where(h => h.CommunityId == community);
        else if (request.TownshipId is { } township) households = households.Where(h => h.Community!.ParentId == township);
        var persons = session.Query<Person>().Where(p => p.Status == PersonStatus.Active && households.Any(h => h.Id == p.HouseholdId));

        // Cleaned as names are when stored, so a pasted zero-width space or a decomposed character still finds them.
        if (EnteredText.Clean(request.Name) is { Length: > 0 } prefix) persons = session.WhereNameStartsWith(persons, prefix);
        if (!string.IsNullOrWhiteSpace(request.IdNumber))
        {
            var digits = request.IdNumber.Trim().ToUpperInvariant();
            persons = digits.Length switch
            {
                Domain.Roster.IdNumber.Length => persons.Where(p => p.IdNumber == digits),
                4 => persons.Where(p => p.IdTail == digits),
                < 4 => persons.Where(p => p.IdTail.EndsWith(digits)),
                _ => persons.Where(p => p.IdNumber.EndsWith(digits)),
            };
        }
        var codes = request.VariantCode is { } code ? [code]
            : request.Programme is { } programme ? ProgrammeCatalogue.All.Where(v => v.Programme == programme).Select(v => v.Code).ToList()
            : null;
        if (codes is not null)
        {
            // Two EXISTS, each served by its own index (person, household), rather than one OR inside a single EXISTS.
            var open = session.Query<Enrollment>().Where(e => e.ToMonth == null && codes.Contains(e.VariantCode));
            persons = persons.Where(p => open.Any(e => e.PersonId == p.Id) || open.Any(e => e.HouseholdId == p.HouseholdId && e.PersonId == null));
        }
        return persons;
    }

    private async Task<RosterPage> PageAsync(IDataSession session, IQueryable<Person> persons, SearchRoster request, int total, bool exact,
        CancellationToken ct)
    {
        var size = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var page = await session.ToListAsync(persons.Skip(Math.Max(0, request.Page) * size).Take(size).Select(p => new
        {
            p.Id, p.HouseholdId, p.Name, p.IdNumber, p.Sex, p.BirthDate, p.Relationship,
            Township = p.Household!.Community!.Parent!.Name, Community = p.Household.Community.Name, p.Household.Status,
        }), ct);

        var personIds = page.Select(p => p.Id).ToList();
        var householdIds = page.Select(p => p.HouseholdId).Distinct().ToList();
        // One lookup by household (it covers the members' own enrolments too), and no join to the variants: an OR over
        // person and household, a "PersonId IS NULL" test or a join to the variants each make SQLite's planner walk
        // every enrolment (100-150 ms at a million persons instead of under 1 ms). Names come from the catalogue.
        var enrollments = (await session.ToListAsync(session.Query<Enrollment>()
                .Where(e => e.ToMonth == null && householdIds.Contains(e.HouseholdId))
                .Select(e => new { e.PersonId, e.HouseholdId, e.VariantCode }), ct))
            .Where(e => e.PersonId is null || personIds.Contains(e.PersonId.Value))
            .Select(e => new { e.PersonId, e.HouseholdId, Name = ProgrammeCatalogue.Find(e.VariantCode)?.Name ?? e.VariantCode }).ToList();

        var today = clock.Now.LocalDateTime;
        return new RosterPage(page.Select(p => new RosterRow(p.Id, p.HouseholdId, p.Name, Masking.Mask(p.IdNumber), p.Sex,
            Person.AgeOn(p.BirthDate, DateOnly.FromDateTime(today)), p.Relationship, p.Township, p.Community, p.Status,
            enrollments.Where(e => e.PersonId == p.Id || (e.PersonId == null && e.HouseholdId == p.HouseholdId)).Select(e => e.Name).ToList())).ToList(),
            total, exact);
    }
}
