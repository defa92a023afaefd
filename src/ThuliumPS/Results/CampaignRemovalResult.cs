namespace ThuliumPS.Results;

/// <summary>
/// The result of one campaign id given to Remove-ThuliumCampaign. Removal is queued by the server and may take
/// hours; <c>ALREADY_QUEUED</c> counts as success.
/// </summary>
public sealed class CampaignRemovalResult : ThuliumItemResult
{
    /// <summary>The five-character campaign id (zero-padded), when the input was a valid one.</summary>
    public string? CampaignId { get; internal set; }

    /// <summary>
    /// Whether this command asked for the campaign's recordings to be deleted too. For a campaign already queued
    /// (ALREADY_QUEUED) the earlier request decides, so True does not mean they will be: the Message says so.
    /// </summary>
    public bool DeleteRecordings { get; internal set; }

    /// <inheritdoc/>
    internal override string? Label => CampaignId is null ? null : "campaign " + CampaignId;
}
