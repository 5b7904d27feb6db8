using CivilAffairs.Dashboard.Components.Shared;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace CivilAffairs.Dashboard.Components.Pages.Roster;

/// <summary>
/// 更正 of the household's details or of one member's. Saving is offered only once the preview of exactly what is
/// being saved has been shown: the money a correction moves in closed months is seen before it is committed.
/// </summary>
public partial class CorrectionDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private ISender Sender { get; set; } = default!;
    [Inject] private IOptions<BureauOptions> Bureau { get; set; } = default!;

    [Parameter] public HouseholdDetail? Household { get; set; }
    /// <summary>The member to correct; null corrects the household's own details.</summary>
    [Parameter] public MemberDetail? Member { get; set; }

    private readonly FormErrors _errors = new();
    private readonly FormErrors _memberErrors = new();
    private readonly CorrectHousehold _household = new();
    private readonly CorrectMember _member = new();
    private IReadOnlyList<TownshipOption> _areas = [];
    private string _reason = "";
    private CorrectionOutcome? _preview;
    private string? _previewed;
    private bool _busy;

    protected override async Task OnInitializedAsync()
    {
        var h = Household!;
        if (Member is { } m)
        {
            _member.HouseholdId = h.Id;
            _member.PersonId = m.Id;
            _member.Member = new MemberInput
            {
                Name = m.Name, IdNumber = "", Relationship = m.Relationship, DisabilityCategory = m.DisabilityCategory,
                DisabilityGrade = m.DisabilityGrade, WorkCapacity = m.WorkCapacity,
            };
            return;
        }
        (_household.HouseholdId, _household.Address, _household.CommunityId, _household.RegisteredMonth) = (h.Id, h.Address, h.CommunityId, h.RegisteredMonth);
        _areas = await Sender.Send(new ListAreas(Bureau.Value.JurisdictionCode));
    }

    private string CommunityName(int id) =>
        _areas.SelectMany(t => t.Communities.Select(c => (t, c))).FirstOrDefault(x => x.c.Id == id) is ({ } t, { } c) ? $"{t.Name} · {c.Name}" : "";

    // A field changed after the preview: the preview no longer shows what would be saved.
    private void Changed() => _preview = _previewed == Fingerprint() ? _preview : null;

    private string Fingerprint() => Member is null
        ? $"{_household.Address}|{_household.BankAccount}|{_household.CommunityId}|{_household.RegisteredMonth}|{_reason}"
        : $"{_member.Member.Name}|{_member.Member.IdNumber}|{_member.Member.Relationship}|{_member.Member.DisabilityCategory}|{_member.Member.DisabilityGrade}|{_member.Member.WorkCapacity}|{_reason}";

    private async Task SendAsync(bool previewOnly)
    {
        if (!previewOnly && _previewed != Fingerprint())
        {
            _preview = null; // something changed since the preview: show the new one first
            previewOnly = true;
        }
        _busy = true;
        try
        {
            Result<CorrectionOutcome> result;
            if (Member is null)
            {
                (_household.Reason, _household.PreviewOnly) = (_reason, previewOnly);
                result = await Sender.Send(_household);
            }
            else
            {
                (_member.Reason, _member.PreviewOnly) = (_reason, previewOnly);
                result = await Sender.Send(_member);
            }
            if (!result.Succeeded)
            {
                _preview = null;
                // The member's fields are named "Member.Name" by the validator and "Name" by the aggregate: one name for the form.
                var errors = result.Errors.Select(e => e with { Field = e.Field.StartsWith("Member.", StringComparison.Ordinal) ? e.Field["Member.".Length..] : e.Field }).ToList();
                _errors.Set(errors);
                _memberErrors.Set(errors);
                return;
            }
            _errors.Set([]);
            _memberErrors.Set([]);
            if (result.Value!.Saved) Dialog.Close(DialogResult.Ok(result.Value));
            else (_preview, _previewed) = (result.Value, Fingerprint());
        }
        finally
        {
            _busy = false;
        }
    }

    private bool IsShownBesideAField(string field) => Member is null
        ? field is "Address" or "BankAccount" or "CommunityId" or "RegisteredMonth" or "Reason"
        : field is "Name" or "IdNumber" or "Reason";
}
