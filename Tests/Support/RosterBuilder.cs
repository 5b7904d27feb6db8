using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Payments;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;

namespace CivilAffairs.Tests.Support;

/// <summary>Registers households and runs payment months through the real use cases, as a caseworker.</summary>
public sealed class RosterBuilder(TestDatabase db)
{
    public const string Bureau = "431081";
    private int _sequence = 100;
    private int? _community;

    public string NewId(int year = 1970, int month = 5, int day = 17, bool female = false) =>
        IdNumber.Compose("431081", new DateOnly(year, month, day), (_sequence += 2) + (female ? 0 : 1)).Value;

    public MemberInput Member(string name, Relationship relationship, int birthYear = 1970, bool female = false, DisabilityGrade? grade = null) => new()
    {
        Name = name, IdNumber = NewId(birthYear, female: female), Relationship = relationship, DisabilityGrade = grade,
        DisabilityCategory = grade is null ? null : DisabilityCategory.Physical, WorkCapacity = grade is null ? WorkCapacity.Full : WorkCapacity.None,
    };

    public async Task<int> CommunityAsync(string township = "三都镇")
    {
        if (_community is { } known && township == "三都镇") return known;
        var areas = await db.SendAsync(new ListAreas(Bureau), Roles.Caseworker);
        var id = areas.Single(t => t.Name == township).Communities[0].Id;
        if (township == "三都镇") _community = id;
        return id;
    }

    public async Task<int> RegisterAsync(YearMonth month, string? variant, Residence residence = Residence.Rural, string township = "三都镇",
        params MemberInput[] members)
    {
        var result = await db.SendAsync(new RegisterHousehold
        {
            CommunityId = await CommunityAsync(township), Address = "3 组 12 号", Residence = residence, VariantCode = variant, Month = month,
            BankAccount = "6217995550001234561",
            Members = members.Length > 0 ? [.. members] : [Member("张建国", Relationship.Head), Member("李秀英", Relationship.Spouse, female: true)],
        }, Roles.Caseworker);
        Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Message)));
        return result.Value;
    }

    public async Task<int> PersonAsync(int householdId, string name)
    {
        var household = await db.SendAsync(new GetHousehold(householdId), Roles.Caseworker);
        return household!.Members.Single(m => m.Name == name).Id;
    }

    public async Task EnrollAsync(int householdId, string name, string variant, YearMonth month)
    {
        var result = await db.SendAsync(new EnrollPerson(householdId, await PersonAsync(householdId, name), variant, month), Roles.Caseworker);
        Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Message)));
    }

    public async Task<PaymentRunOutcome> ComputeAsync(YearMonth month)
    {
        var result = await db.SendAsync(new ComputePaymentMonth { JurisdictionCode = Bureau, Month = month }, Roles.Caseworker);
        Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Message)));
        return result.Value!;
    }

    public async Task<PaymentRunOutcome> CloseAsync(YearMonth month)
    {
        var result = await db.SendAsync(new ClosePaymentMonth { JurisdictionCode = Bureau, Month = month, ComputeFirst = true }, Roles.Caseworker);
        Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Message)));
        return result.Value!;
    }

    public async Task CloseThroughAsync(YearMonth from, YearMonth to)
    {
        for (var m = from; m <= to; m = m.Next) await CloseAsync(m);
    }
}
