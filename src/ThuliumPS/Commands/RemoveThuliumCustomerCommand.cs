using System.Management.Automation;
using ThuliumPS.Results;

namespace ThuliumPS.Commands;

/// <summary>
/// <para type="synopsis">Deletes Thulium customers in batches (DELETE batch/customers).</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "ThuliumCustomer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CustomerRemovalResult))]
public sealed partial class RemoveThuliumCustomerCommand : ThuliumBulkCommandBase
{
    /// <summary>
    /// Customer ids: integers or digit strings, or objects with a customer_id / CustomerId / Id property
    /// (New-ThuliumCustomer's results, CSV rows).
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("CustomerId", "customer_id")]
    [AllowNull]
    public object?[]? Id { get; set; }

    /// <summary>Deletes without asking for confirmation (-WhatIf still only rehearses).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>How many items one request carries (1–1000); lower it if the server refuses large batches.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int BatchSize { get; set; } = 100;
}
