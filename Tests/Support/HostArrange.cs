using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Tests.Support;

/// <summary>Arranges data in a running dashboard through its own use cases, as an operator holding every role would.</summary>
public static class HostArrange
{
    private static AsyncServiceScope Operator(IServiceProvider services)
    {
        var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Actor>().Become(new UserStanding("test", "测试", true, Roles.All));
        return scope;
    }

    public static async Task<int> RegisterAsync(IServiceProvider services, string head, string idNumber, YearMonth month)
    {
        await using var scope = Operator(services);
        var areas = await ActivatorUtilities.CreateInstance<ListAreasHandler>(scope.ServiceProvider).Handle(new ListAreas("431081"), default);
        var result = await ActivatorUtilities.CreateInstance<RegisterHouseholdHandler>(scope.ServiceProvider).Handle(new RegisterHousehold
        {
            CommunityId = areas.Single(t => t.Name == "三都镇").Communities[0].Id, Address = "1 组 1 号", Residence = Residence.Rural,
            VariantCode = ProgrammeCatalogue.RuralDibaoA, Month = month, BankAccount = "6217995550001234567",
            Members = [new MemberInput { Name = head, IdNumber = idNumber, Relationship = Relationship.Head }],
        }, default);
        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Message)));
        return result.Value;
    }

    public static async Task ComputeAsync(IServiceProvider services, YearMonth month, bool close)
    {
        await using var scope = Operator(services);
        var result = close
            ? await ActivatorUtilities.CreateInstance<ClosePaymentMonthHandler>(scope.ServiceProvider)
                .Handle(new ClosePaymentMonth { JurisdictionCode = "431081", Month = month, ComputeFirst = true }, default)
            : await ActivatorUtilities.CreateInstance<ComputePaymentMonthHandler>(scope.ServiceProvider)
                .Handle(new ComputePaymentMonth { JurisdictionCode = "431081", Month = month }, default);
        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Message)));
    }

    public static async Task StopAsync(IServiceProvider services, int householdId, YearMonth month)
    {
        await using var scope = Operator(services);
        var result = await ActivatorUtilities.CreateInstance<StopHouseholdHandler>(scope.ServiceProvider)
            .Handle(new StopHousehold { HouseholdId = householdId, Month = month, Reason = StopReason.IncomeAboveLine }, default);
        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Message)));
    }
}
