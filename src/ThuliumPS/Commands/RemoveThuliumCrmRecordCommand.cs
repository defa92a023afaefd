using System.Management.Automation;
using ThuliumPS.Results;

namespace ThuliumPS.Commands;

/// <summary>
/// <para type="synopsis">Removes customers' records from CRM-fed campaigns (DELETE batch/crm_outbounds/:id/records).</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "ThuliumCrmRecord", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CrmRecordRemovalResult))]
public sealed partial class RemoveThuliumCrmRecordCommand : ThuliumBulkCommandBase
{
    /// <summary>The campaign (five characters; shorter numbers are zero-padded). Binds from a campaign_id column.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("campaign_id")]
    [AllowNull]
    public object? CampaignId { get; set; }

    /// <summary>Customer ids whose records are removed; objects with customer_id / CustomerId bind too.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("customer_id")]
    [AllowNull]
    public object?[]? CustomerId { get; set; }

    /// <summary>Removes without asking for confirmation (-WhatIf still only rehearses).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>How many items one request carries (1–1000); lower it if the server refuses large batches.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int BatchSize { get; set; } = 100;
}
