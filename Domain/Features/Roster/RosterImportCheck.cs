using CivilAffairs.Domain.Areas;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Roster.Rules;

namespace CivilAffairs.Domain.Features.Roster;

/// <summary>
/// The checks of an import, row by row and household by household, before anything is written. A household is
/// valid when all its rows are; the model builds it in memory, so every rule of the roster applies.
/// </summary>
public sealed class RosterImportCheck
{
    public List<ImportError> Errors { get; } = [];
    /// <summary>The households of the workbook that passed every check, ready to write.</summary>
    public List<RosterEntry> Valid { get; } = [];
    public int Households { get; private set; }
    public int Skipped { get; private set; }

    private sealed record ParsedMember(RosterImportRow Row, PersonDraft Draft, List<ProgrammeVariant> Programmes);

    public static async Task<RosterImportCheck> RunAsync(IDataSession session, int jurisdictionId, IReadOnlyList<RosterImportRow> rows,
        DateTime atUtc, string by, IProgress<ImportProgress>? progress, IClock clock, CancellationToken ct)
    {
        var check = new RosterImportCheck();
        var areas = await session.ToListAsync(session.Query<Area>()
            .Where(a => a.Level == AreaLevel.Community && a.Parent!.ParentId == jurisdictionId)
            .Select(a => new { a.Id, Township = a.Parent!.Name, a.Name }), ct);
        var communities = areas.ToDictionary(a => (a.Township, a.Name), a => a.Id);
        var variantsByName = ProgrammeCatalogue.All.ToDictionary(v => v.Name.Replace(" ", ""), v => v);

        // Every ID number of the file, looked up against the roster in batches.
        var ids = rows.Select(r => r.Get(RosterTemplate.IdNumber).ToUpperInvariant()).Where(i => i.Length == IdNumber.Length).Distinct().ToList();
        var onRoster = new Dictionary<string, (int HouseholdId, string? ImportKey)>();
        foreach (var batch in ids.Chunk(500))
        {
            var found = await session.ToListAsync(session.Query<Person>()
                .Where(p => batch.Contains(p.IdNumber) && p.Status == PersonStatus.Active)
                .Select(p => new { p.IdNumber, p.HouseholdId, p.Household!.ImportKey }), ct);
            foreach (var f in found) onRoster[f.IdNumber] = (f.HouseholdId, f.ImportKey);
        }
        var lastClosed = await session.LastClosedMonthAsync(jurisdictionId, ct);
        var nextOpen = await session.NextOpenMonthAsync(jurisdictionId, clock, ct);
        var tooLate = (YearMonth m) => new ChangeMonthNoLaterThanNextOpen(m, nextOpen, clock.CurrentMonth, Planned: false);

        var seenIds = new Dictionary<string, int>();
        var groups = rows.GroupBy(r => r.Get(RosterTemplate.HouseholdKey)).ToList();
        foreach (var group in groups)
        {
            check.CheckHousehold(group.Key, group.ToList(), communities, variantsByName, seenIds, onRoster, lastClosed, tooLate, jurisdictionId, atUtc, by);
            if (++check.Households % 2_000 == 0) progress?.Report(new ImportProgress("校验", check.Households, groups.Count));
        }
        check.Errors.Sort((a, b) => a.RowNumber != b.RowNumber ? a.RowNumber.CompareTo(b.RowNumber) : string.CompareOrdinal(a.Column, b.Column));
        return check;
    }

    private void CheckHousehold(string key, List<RosterImportRow> rows, Dictionary<(string, string), int> communities,
        Dictionary<string, ProgrammeVariant> variants, Dictionary<string, int> seenIds, Dictionary<string, (int HouseholdId, string? ImportKey)> onRoster,
        YearMonth? lastClosed, Func<YearMonth, ChangeMonthNoLaterThanNextOpen> tooLate, int jurisdictionId, DateTime atUtc, string by)
    {
        var before = Errors.Count;
        var first = rows[0];
        if (key.Length == 0) foreach (var row in rows) Fail(row, RosterTemplate.HouseholdKey, Messages.Get("Import.KeyRequired"));

        // Household fields come from the first row; the other rows must agree.
        foreach (var column in new[] { RosterTemplate.Township, RosterTemplate.Community, RosterTemplate.Address, RosterTemplate.Residence, RosterTemplate.Dibao, RosterTemplate.Month, RosterTemplate.BankAccount })
            foreach (var row in rows.Skip(1).Where(r => r.Get(column).Length > 0 && r.Get(column) != first.Get(column)))
                Fail(row, column, Messages.Format("Import.Inconsistent", key, first.RowNumber));

        var communityFound = communities.TryGetValue((first.Get(RosterTemplate.Township), first.Get(RosterTemplate.Community)), out var communityId);
        if (!communityFound) Fail(first, RosterTemplate.Community, Messages.Format("Import.UnknownArea", first.Get(RosterTemplate.Township), first.Get(RosterTemplate.Community)));
        if (first.Get(RosterTemplate.Address).Length == 0) Fail(first, RosterTemplate.Address, Messages.Get("AddressRequired"));
        if (!RosterTemplate.Residences.TryGetValue(first.Get(RosterTemplate.Residence), out var residence))
            Fail(first, RosterTemplate.Residence, Messages.Get("Import.Residence"));
        ProgrammeVariant? dibao = null;
        var dibaoName = first.Get(RosterTemplate.Dibao).Replace(" ", "");
        if (dibaoName.Length > 0 && !variants.TryGetValue(dibaoName, out dibao)) Fail(first, RosterTemplate.Dibao, Messages.Format("UnknownVariant", dibaoName));
        if (!YearMonth.TryParse(first.Get(RosterTemplate.Month), out var month)) Fail(first, RosterTemplate.Month, Messages.Get("Import.Month"));
        else if (new ChangeCannotBeDatedIntoClosedMonth(month, lastClosed) is { } closed && closed.IsBroken()) Fail(first, RosterTemplate.Month, closed.Message);
        else if (tooLate(month) is { } late && late.IsBroken()) Fail(first, RosterTemplate.Month, late.Message);

        var members = new List<ParsedMember>();
        foreach (var row in rows)
        {
            var name = row.Get(RosterTemplate.Name);
            if (name.Length == 0) Fail(row, RosterTemplate.Name, Messages.Get("NameRequired"));
            var id = row.Get(RosterTemplate.IdNumber).ToUpperInvariant();
            var idRule = new IdNumberMustBeValid(id);
            if (row.NumericColumns.Contains(RosterTemplate.IdNumber)) Fail(row, RosterTemplate.IdNumber, Messages.Get("Import.NumberAsNumber"));
            else if (idRule.IsBroken()) Fail(row, RosterTemplate.IdNumber, idRule.Message);
            else if (seenIds.TryGetValue(id, out var firstRow)) Fail(row, RosterTemplate.IdNumber, Messages.Format("Import.DuplicateInFile", firstRow));
            else seenIds[id] = row.RowNumber;
            if (!RosterTemplate.Relationships.TryGetValue(row.Get(RosterTemplate.Relationship), out var relationship))
                Fail(row, RosterTemplate.Relationship, Messages.Get("Import.Relationship"));
            DisabilityGrade? grade = null;
            if (row.Get(RosterTemplate.DisabilityGrade) is { Length: > 0 } g)
                if (RosterTemplate.Grades.TryGetValue(g, out var parsed)) grade = parsed; else Fail(row, RosterTemplate.DisabilityGrade, Messages.Get("Import.Grade"));
            DisabilityCategory? category = null;
            if (row.Get(RosterTemplate.DisabilityCategory) is { Length: > 0 } c)
                if (RosterTemplate.Categories.TryGetValue(c, out var parsed)) category = parsed; else Fail(row, RosterTemplate.DisabilityCategory, Messages.Get("Import.Category"));
            var programmes = new List<ProgrammeVariant>();
            foreach (var programmeName in row.Get(RosterTemplate.Programmes).Split(['；', ';', '、', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (variants.TryGetValue(programmeName.Replace(" ", ""), out var variant)) programmes.Add(variant);
                else Fail(row, RosterTemplate.Programmes, Messages.Format("UnknownVariant", programmeName));
            members.Add(new ParsedMember(row, new PersonDraft(name, id, relationship, category, grade,
                grade is DisabilityGrade.One or DisabilityGrade.Two ? WorkCapacity.None : WorkCapacity.Full), programmes));
        }
        if (Errors.Count > before) return;

        // Against the roster: the same household imported before is skipped; anyone else already there is an error.
        var head = members.FirstOrDefault(m => m.Draft.Relationship == Relationship.Head)?.Draft.IdNumber ?? members[0].Draft.IdNumber;
        var existing = members.Where(m => onRoster.ContainsKey(m.Draft.IdNumber)).ToList();
        if (existing.Count > 0 && existing.All(m => onRoster[m.Draft.IdNumber].ImportKey == head))
        {
            Skipped++;
            return;
        }
        foreach (var m in existing)
            Fail(m.Row, RosterTemplate.IdNumber, new PersonBelongsToOneHouseholdAtATime(m.Draft.IdNumber, onRoster[m.Draft.IdNumber].HouseholdId).Message);
        if (Errors.Count > before) return;

        // The model builds the household in memory, so every rule of the roster is checked exactly as on screen;
        // a stand-in area will do, since no rule depends on which community it is.
        var standIn = new Area("000000", "check", AreaLevel.Jurisdiction, null, 0);
        Household trial;
        try
        {
            trial = Household.Register(jurisdictionId, standIn, first.Get(RosterTemplate.Address), residence, first.Get(RosterTemplate.BankAccount),
                members.Select(m => m.Draft).ToList(), dibao, month, atUtc, by, importKey: head);
        }
        catch (BusinessRuleViolationException violation)
        {
            var column = violation.Field switch
            {
                "VariantCode" => RosterTemplate.Dibao,
                "Members" => RosterTemplate.Relationship,
                "Address" => RosterTemplate.Address,
                "BankAccount" => RosterTemplate.BankAccount,
                var f when f.EndsWith(".Name") => RosterTemplate.Name,
                _ => RosterTemplate.IdNumber,
            };
            var row = violation.Field.StartsWith("Members[") && int.TryParse(violation.Field[8..violation.Field.IndexOf(']')], out var index)
                ? members[index].Row : first;
            Fail(row, column, violation.Message);
            return;
        }
        foreach (var (member, person) in members.Zip(trial.Members))
            foreach (var variant in member.Programmes)
            {
                try
                {
                    trial.EnrollMember(person, variant, month, null, atUtc, by);
                }
                catch (BusinessRuleViolationException violation)
                {
                    Fail(member.Row, RosterTemplate.Programmes, violation.Message);
                }
            }
        if (Errors.Count == before)
            Valid.Add(new RosterEntry(communityId, residence, dibao?.Code, month, first.Get(RosterTemplate.Address),
                NullIfEmpty(first.Get(RosterTemplate.BankAccount)),
                members.Select(m => new RosterEntryMember(m.Draft, m.Programmes.Select(p => p.Code).ToList())).ToList(), head));
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private void Fail(RosterImportRow row, string column, string message) => Errors.Add(new ImportError(row.RowNumber, column, message));
}
