namespace ThuliumPS.Results;

/// <summary>The result of one (campaign, customer) pair given to Remove-ThuliumCrmRecord.</summary>
public sealed class CrmRecordRemovalResult : ThuliumItemResult
{
    /// <summary>The five-character campaign id, when valid.</summary>
    public string? CampaignId { get; internal set; }

    /// <summary>The customer id, when valid.</summary>
    public long? CustomerId { get; internal set; }

    /// <summary>Id of the removed campaign record, as the server reported it.</summary>
    public long? RecordId { get; internal set; }

    /// <inheritdoc/>
    internal override string? Label => (CustomerId, CampaignId) switch
    {
        ({ } customer, { } campaign) => "customer " + customer.ToString(System.Globalization.CultureInfo.InvariantCulture) + " in campaign " + campaign,
        ({ } customer, null) => "customer " + customer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        (null, { } campaign) => "campaign " + campaign,
        _ => null,
    };
}
