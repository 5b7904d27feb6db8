using CivilAffairs.Dashboard;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Payments;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using CivilAffairs.Domain.Security;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Tests.Support;

/// <summary>Arranges data in a running dashboard through its own mediator, as the demo caseworker would from the pages.</summary>
public static class HostArrange
{
    private static async Task<T> SendAsync<T>(IServiceProvider services, IRequest<T> request)
    {
        await using var scope = await Operator.ScopeAsync(services, TestDatabase.UserNameOf(Roles.Caseworker), channel: null)
                                ?? throw new InvalidOperationException("the demo caseworker account is missing");
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    public static async Task<int> RegisterAsync(IServiceProvider services, string head, string idNumber, YearMonth month)
    {
        var areas = await SendAsync(services, new ListAreas("431081"));
        var result = await SendAsync(services, new RegisterHousehold
        {
            CommunityId = areas.Single(t => t.Name == "三都镇").Communities[0].Id, Address = "1 组 1 号", Residence = Residence.Rural,
            VariantCode = ProgrammeCatalogue.RuralDibaoA, Month = month, BankAccount = "6217995550001234561",
            Members = [new MemberInput { Name = head, IdNumber = idNumber, Relationship = Relationship.Head }],
        });
        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Message)));
        return result.Value;
    }

    public static async Task ComputeAsync(IServiceProvider services, YearMonth month, bool close)
    {
        var result = close
            ? await SendAsync(services, new ClosePaymentMonth { JurisdictionCode = "431081", Month = month, ComputeFirst = true })
            : await SendAsync(services, new ComputePaymentMonth { JurisdictionCode = "431081", Month = month });
        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Message)));
    }

    public static async Task StopAsync(IServiceProvider services, int householdId, YearMonth month)
    {
        var result = await SendAsync(services, new StopHousehold { HouseholdId = householdId, Month = month, Reason = StopReason.IncomeAboveLine });
        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Message)));
    }
}
