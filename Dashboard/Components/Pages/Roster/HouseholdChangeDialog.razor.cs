using CivilAffairs.Dashboard.Components.Shared;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Roster;
using CivilAffairs.Domain.Roster;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace CivilAffairs.Dashboard.Components.Pages.Roster;

/// <summary>The dynamic-management forms of a household, each sent as its own request; errors beside the fields.</summary>
public partial class HouseholdChangeDialog
{
    /// <summary>Which change the dialog makes.</summary>
    public enum Kind { Tier, Stop, Move, AddMember, RemoveMember, Enroll, EndEnrollment, Restore, Undo, SinglePerson }

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private ISender Sender { get; set; } = default!;
    [Inject] private IClock Clock { get; set; } = default!;
    [Inject] private GradualExitPolicy GradualExit { get; set; } = default!;
    [Inject] private IOptions<BureauOptions> Bureau { get; set; } = default!;

    [Parameter] public HouseholdDetail? Household { get; set; }
    [Parameter] public Kind Action { get; set; }
    /// <summary>The member or enrolment the change is about, where it is about one.</summary>
    [Parameter] public int? TargetId { get; set; }

    private readonly FormErrors _errors = new();
    private readonly MemberInput _member = new() { Relationship = Relationship.Spouse };
    private IReadOnlyList<TownshipOption> _areas = [];
    private YearMonth _month;
    private string? _variant;
    // No reason is chosen for the clerk: a stop's reason is a decision, not a default.
    private StopReason? _reason;
    private bool _planned;
    private bool _withoutGradualExit;
    private YearMonth _nextOpen;
    private string? _note;
    private int _community;
    private bool _died;
    private bool _saving;

    protected override async Task OnInitializedAsync()
    {
        _nextOpen = await Sender.Send(new GetNextOpenMonth(Bureau.Value.JurisdictionCode));
        _month = _nextOpen;
        if (Action == Kind.Move) _areas = await Sender.Send(new ListAreas(Bureau.Value.JurisdictionCode));
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var id = Household!.Id;
            if (Action is Kind.Stop or Kind.EndEnrollment && _reason is null)
            {
                _errors.Set([new FieldError("Reason", L["Household.StopReasonRequired"])]);
                return;
            }
            Result result = Action switch
            {
                Kind.Tier => await Sender.Send(new ChangeTier { HouseholdId = id, Month = _month, VariantCode = _variant ?? "", Planned = _planned }),
                Kind.Stop => await Sender.Send(new StopHousehold { HouseholdId = id, Month = _month, Reason = _reason!.Value, Note = _note, Planned = _planned,
                    WithoutGradualExit = _withoutGradualExit }),
                Kind.Restore => await Sender.Send(new RestoreHousehold { HouseholdId = id, Month = _month, Reason = _note ?? "" }),
                Kind.Undo => await Sender.Send(new UndoHouseholdChange { HouseholdId = id, EventId = Household.Undoable?.Id ?? 0, Reason = _note ?? "" }),
                Kind.Move => await Sender.Send(new MoveHousehold(id, _community, _month)),
                Kind.AddMember => await Sender.Send(new AddMember { HouseholdId = id, Month = _month, Member = _member, Planned = _planned }),
                Kind.RemoveMember => await Sender.Send(new RemoveMember(id, TargetId!.Value, _month, _died)),
                Kind.Enroll => await Sender.Send(new EnrollPerson(id, TargetId!.Value, _variant ?? "", _month, _note)),
                Kind.SinglePerson => await Sender.Send(new EnrollSinglePerson(id, TargetId!.Value, _variant ?? "", _month)),
                _ => await Sender.Send(new EndEnrollment(id, TargetId!.Value, _month, _reason!.Value, _note)),
            };
            if (result.Succeeded) Dialog.Close(DialogResult.Ok(true));
            else _errors.Set(result.Errors);
        }
        finally
        {
            _saving = false;
        }
    }

    private static bool IsShownBesideAField(string field) =>
        field is "Month" or "VariantCode" or "Note" or "CommunityId" or "Reason" or "EventId" || field.StartsWith("Member.", StringComparison.Ordinal);
}
