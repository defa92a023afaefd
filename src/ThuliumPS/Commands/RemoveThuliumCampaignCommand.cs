using System.Management.Automation;
using ThuliumPS.Core.Input;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Results;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Diagnostics;

namespace ThuliumPS.Commands;

/// <summary>
/// <para type="synopsis">Queues Thulium campaigns for deletion with all their records (DELETE batch/outbounds).</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "ThuliumCampaign", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CampaignRemovalResult))]
public sealed partial class RemoveThuliumCampaignCommand : ThuliumRemoveCommand<string, CampaignRemovalResult>
{
    /// <summary>
    /// Five-character campaign ids (00001); numbers shorter than five digits are zero-padded. Objects with a
    /// campaign_id / CampaignId / Id property bind too.
    /// </summary>
    // No ValueFromPipelineByPropertyName: a piped object reaches Core whole (see Remove-ThuliumCustomer).
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("CampaignId", "campaign_id")]
    [AllowNull]
    public object?[]? Id { get; set; }

    /// <summary>Deletes the campaigns' recordings too (off by default, as in the API).</summary>
    [Parameter]
    public SwitchParameter DeleteRecordings { get; set; }


    /// <summary>How many items one request carries (1–1000); lower it if the server refuses large batches.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int BatchSize { get; set; } = 100;

    private protected override int? RequestedBatchSize => BatchSize;

    private protected override string Action => DeleteRecordings ? "Remove with its records and recordings (queued)" : "Remove with its records (queued)";

    /// <summary>Queues each campaign id (an array by parameter behaves like the same ids piped).</summary>
    private protected override void ProcessInput()
    {
        foreach (var id in Id ?? [null])
        {
            Submit(id, IdInputs.CampaignId(ItemOf(id)));
        }
    }

    private protected override IBatchEndpoint<string> CreateEndpoint(ThuliumClient client, EngineMessageQueue engineLog) => new DeleteCampaignsEndpoint(client, DeleteRecordings, engineLog);

    private protected override string Describe(string item) => "Campaign " + item;

    // A removal with its recordings is another request than one without: a journal that recorded the campaign removed
    // without them must not answer "already done" when the recordings are asked for now (the server then says
    // ALREADY_QUEUED, and the result says the recordings may not be deleted).
    private protected override string DefaultJournalKey(string item) => DeleteRecordings ? item + "+recordings" : base.DefaultJournalKey(item);

    private protected override void FillItem(CampaignRemovalResult result, string item)
    {
        result.CampaignId = item;
        result.DeleteRecordings = DeleteRecordings;
    }
}
