using System;
using System.Linq;
using ThuliumPS.Core.Models;

namespace ThuliumPS.Core.Input;

/// <summary>
/// Names one CRM campaign record to remove: a customer id (the item itself, or a row's customer_id column) in a
/// campaign (a row's campaign_id column, or -CampaignId for items that name none; a row naming another campaign
/// than -CampaignId is refused — see <see cref="IdInputs.FromRowOrParameter{T}"/>).
/// </summary>
public static class CrmRecordInputMapper
{
    /// <summary>The parameter that gives the campaign for every item, as the user types it.</summary>
    public const string CampaignParameter = "-CampaignId";

    /// <summary>Maps one item.</summary>
    /// <param name="item">A customer id, or a row with customer_id (and campaign_id) columns.</param>
    /// <param name="campaignParameter">The -CampaignId value, or null when not given.</param>
    public static InputResult<CrmRecordKey> Map(InputItem item, object? campaignParameter)
    {
        if (item is null) throw new ArgumentNullException(nameof(item));
        if (item.Problems.Count > 0)
        {
            return InputResult<CrmRecordKey>.Invalid(string.Join(" ", item.Problems));
        }

        var campaign = IdInputs.FromRowOrParameter(item, "campaign_id", CampaignParameter, campaignParameter, IdInputs.CampaignId);
        var customer = item.IsRow
            ? IdInputs.FromRowOrParameter<long>(item, "customer_id", "-CustomerId", null, IdInputs.PositiveId)
            : IdInputs.PositiveId(item.Value, "customer_id");
        var errors = new[] { campaign.Error, customer.Error }.Where(e => e is not null).ToList();
        return errors.Count > 0
            ? InputResult<CrmRecordKey>.Invalid(string.Join(" ", errors))
            : InputResult<CrmRecordKey>.Valid(new CrmRecordKey(campaign.Value!, customer.Value));
    }
}
