using System.Management.Automation;
using ThuliumPS.Results;

namespace ThuliumPS.Commands;

/// <summary>
/// <para type="synopsis">Queues Thulium campaigns for deletion with all their records (DELETE batch/outbounds).</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "ThuliumCampaign", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CampaignRemovalResult))]
public sealed partial class RemoveThuliumCampaignCommand : ThuliumBulkCommandBase
{
    /// <summary>
    /// Five-character campaign ids (00001); numbers shorter than five digits are zero-padded. Objects with a
    /// campaign_id / CampaignId / Id property bind too.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("CampaignId", "campaign_id")]
    [AllowNull]
    public object?[]? Id { get; set; }

    /// <summary>Deletes the campaigns' recordings too (off by default, as in the API).</summary>
    [Parameter]
    public SwitchParameter DeleteRecordings { get; set; }

    /// <summary>Deletes without asking for confirmation (-WhatIf still only rehearses).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>How many items one request carries (1–1000); lower it if the server refuses large batches.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int BatchSize { get; set; } = 100;
}
