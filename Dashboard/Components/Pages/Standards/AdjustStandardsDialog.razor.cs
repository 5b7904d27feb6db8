using System.Text.RegularExpressions;
using CivilAffairs.Dashboard.Components.Shared;
using CivilAffairs.Domain.Common;
using CivilAffairs.Domain.Features.Standards;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CivilAffairs.Dashboard.Components.Pages.Standards;

/// <summary>
/// The yearly adjustment (年度调标): new amounts for several variants under one document number. The form runs
/// the request's own validator first; rules that need the database come back from the handler beside the same fields.
/// Saving takes two steps: the first shows what the adjustment costs (persons, monthly change, rest of the year,
/// back pay), the second saves exactly what was previewed; any change to an amount or the month asks for a new preview.
/// </summary>
public partial class AdjustStandardsDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private ISender Sender { get; set; } = default!;
    [Inject] private IValidator<AdjustStandards> Validator { get; set; } = default!;
    [Inject] private IClock Clock { get; set; } = default!;

    [Parameter] public string JurisdictionCode { get; set; } = "";
    [Parameter] public IReadOnlyList<StandardInForce> Rows { get; set; } = [];

    private readonly AdjustStandards _model = new();
    private readonly FormErrors _errors = new();
    private bool _saving;
    private StandardImpact? _impact;

    private DateTime? EffectiveFromDate =>
        _model.EffectiveFrom == default ? null : _model.EffectiveFrom.ToDateTime(TimeOnly.MinValue);

    protected override void OnInitialized()
    {
        _model.JurisdictionCode = JurisdictionCode;
        // The usual case: next year's standards, decided late in the year, from the 1st of January.
        _model.EffectiveFrom = new DateOnly(Clock.CurrentMonth.Year + 1, 1, 1);
        _model.Items = Rows.Select(r => new StandardAdjustmentItem { VariantCode = r.Variant.Code }).ToList();
    }

    private void OnEffectiveFromChanged(DateTime? date)
    {
        _model.EffectiveFrom = date is null ? default : DateOnly.FromDateTime(date.Value);
        _impact = null;
        _errors.Clear("EffectiveFrom");
    }

    private ElementReference _impactBox;
    private bool _showImpact;

    // The impact is what 保存调标 commits: once shown it is brought into view (and focus) before the button can be pressed again.
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_showImpact) return;
        _showImpact = false;
        await _impactBox.FocusAsync();
    }

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
            if (_impact is null)
            {
                var preview = await Sender.Send(new PreviewStandardImpact(_model));
                if (preview.Succeeded) (_impact, _showImpact) = (preview.Value, true);
                else _errors.Set(preview.Errors);
                return;
            }
            var result = await Sender.Send(_model);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(result.Value));
                return;
            }
            _errors.Set(result.Errors);
        }
        finally
        {
            _saving = false;
        }
    }

    private static bool IsShownBesideAField(string field) => ShownFields().IsMatch(field);

    [GeneratedRegex(@"^(DocumentNumber|EffectiveFrom|Reason|Items\[\d+\]\.(NewAmount|Reason))$")]
    private static partial Regex ShownFields();
}
