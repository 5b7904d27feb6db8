using CivilAffairs.Dashboard.Components.Shared;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Programmes;
using CivilAffairs.Domain.Roster;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CivilAffairs.Dashboard.Components.Pages.Roster;

/// <summary>新增: registers a household with its members; on success opens its page.</summary>
public partial class NewHouseholdPage
{
    [Inject] private ISender Sender { get; set; } = default!;
    [Inject] private IValidator<RegisterHousehold> Validator { get; set; } = default!;
    [Inject] private IOptions<BureauOptions> Bureau { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private readonly RegisterHousehold _model = new() { Members = [new MemberInput { Relationship = Relationship.Head }] };
    private readonly FormErrors _errors = new();
    private IReadOnlyList<TownshipOption> _areas = [];
    private bool _saving;

    protected override async Task OnInitializedAsync()
    {
        _areas = await Sender.Send(new ListAreas(Bureau.Value.JurisdictionCode));
        _model.Month = await Sender.Send(new GetNextOpenMonth(Bureau.Value.JurisdictionCode));
    }

    private void OnResidenceChanged(Residence residence)
    {
        _model.Residence = residence;
        if (_model.VariantCode is { } code && ProgrammeCatalogue.Find(code)?.Residence != residence) _model.VariantCode = null;
    }

    // An unchosen community is 0, which the select would otherwise show as "0".
    private string CommunityName(int id) =>
        _areas.SelectMany(t => t.Communities.Select(c => (Township: t.Name, c.Id, c.Name))).FirstOrDefault(x => x.Id == id) is { Name: not null } x
            ? $"{x.Township} · {x.Name}" : "";

    private void AddMember() => _model.Members.Add(new MemberInput { Relationship = Relationship.Spouse });

    private async Task SaveAsync()
    {
        var check = await Validator.ValidateAsync(_model);
        if (!check.IsValid)
        {
            _errors.Set(check);
            return;
        }
        _saving = true;
        try
        {
            var result = await Sender.Send(_model);
            if (result.Succeeded) Navigation.NavigateTo($"roster/households/{result.Value}");
            else _errors.Set(result.Errors);
        }
        finally
        {
            _saving = false;
        }
    }

    private static bool IsShownBesideAField(string field) =>
        field is "CommunityId" or "Address" or "VariantCode" or "Month" or "BankAccount" ||
        (field.StartsWith("Members[", StringComparison.Ordinal) && (field.EndsWith(".Name") || field.EndsWith(".IdNumber")));
}
