namespace ThuliumPS.Core.Models;

/// <summary>A record of a CRM-fed campaign, named by campaign and customer (what the batch delete takes).</summary>
public sealed class CrmRecordKey
{
    /// <summary>Creates a key.</summary>
    public CrmRecordKey(string campaignId, long customerId)
    {
        CampaignId = campaignId;
        CustomerId = customerId;
    }

    /// <summary>Five-character campaign id, e.g. <c>00001</c>.</summary>
    public string CampaignId { get; }

    /// <summary>Customer id.</summary>
    public long CustomerId { get; }
}
