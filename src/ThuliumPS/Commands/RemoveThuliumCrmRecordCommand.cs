using System.Linq;
using System.Management.Automation;
using ThuliumPS.Core.Models;
using ThuliumPS.Core.Input;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Results;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Commands;

/// <summary>
/// <para type="synopsis">Removes customers' records from CRM-fed campaigns (DELETE batch/crm_outbounds/:id/records).</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "ThuliumCrmRecord", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CrmRecordRemovalResult))]
public sealed partial class RemoveThuliumCrmRecordCommand : ThuliumRemoveCommand<CrmRecordKey, CrmRecordRemovalResult>
{
    /// <summary>
    /// The campaign (five characters; shorter numbers are zero-padded) for items that name none. A piped row's own
    /// campaign_id column is used when present; a row naming another campaign than -CampaignId is refused.
    /// </summary>
    [Parameter(Position = 0)]
    [Alias("campaign_id")]
    public object? CampaignId { get; set; }

    /// <summary>Customer ids whose records are removed, or whole rows/objects with customer_id (and campaign_id) columns.</summary>
    // No ValueFromPipelineByPropertyName: a piped row reaches Core whole, with its campaign_id, so that Core can
    // check it against -CampaignId instead of PowerShell silently keeping one of the two.
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [Alias("customer_id")]
    [AllowNull]
    public object?[]? CustomerId { get; set; }


    /// <summary>How many items one request carries (1–1000); lower it if the server refuses large batches.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int BatchSize { get; set; } = 100;

    private protected override int? RequestedBatchSize => BatchSize;

    /// <summary>Queues each (campaign, customer) pair; rows of several campaigns are grouped per campaign by Core.</summary>
    private protected override void ProcessInput()
    {
        var campaign = PSInput.Plain(CampaignId);
        foreach (var customer in CustomerId ?? [null])
        {
            Submit(customer, CrmRecordInputMapper.Map(ItemOf(customer), campaign));
        }
    }

    private protected override IBatchEndpoint<CrmRecordKey> CreateEndpoint(ThuliumClient client, EngineMessageQueue engineLog) => new DeleteCrmRecordsEndpoint(client, engineLog);

    private protected override string Describe(CrmRecordKey item) => $"Record of customer {Text(item.CustomerId)} in campaign {item.CampaignId}";

    private protected override void FillItem(CrmRecordRemovalResult result, CrmRecordKey item)
    {
        result.CampaignId = item.CampaignId;
        result.CustomerId = item.CustomerId;
    }

    private protected override void FillOutcome(CrmRecordRemovalResult result, ItemOutcome outcome) => result.RecordId = outcome.ReturnedId;
}
