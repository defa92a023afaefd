using System.Management.Automation;
using ThuliumPS.Results;

namespace ThuliumPS.Commands;

/// <summary>
/// The Remove cmdlets' shared safety rule: ConfirmImpact High, so PowerShell asks before each deletion unless
/// <see cref="Force"/> (or -Confirm:$false) is given. -WhatIf always only rehearses, -Force or not, and an explicit
/// -Confirm always asks, -Force or not: the switch the user typed for safety wins over the one for convenience.
/// </summary>
/// <typeparam name="TItem">The validated request item.</typeparam>
/// <typeparam name="TResult">The public result type.</typeparam>
public abstract class ThuliumRemoveCommand<TItem, TResult> : ThuliumBulkCommand<TItem, TResult>
    where TResult : ThuliumItemResult, new()
{
    /// <summary>Removes without asking for confirmation (-WhatIf still only rehearses).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private protected override string Action => "Remove";

    /// <summary>A delete done twice does no harm: an item whose earlier answer was lost is simply sent again.</summary>
    private protected override bool ResendsSafely => true;

    private protected override bool SkipsConfirmation => Force && !WhatIfRequested && !ConfirmRequested;
}
