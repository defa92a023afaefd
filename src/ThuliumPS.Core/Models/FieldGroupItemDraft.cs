using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ThuliumPS.Core.Models;

/// <summary>One custom-field group item to create through <c>POST customer_field_group_items</c>.</summary>
public sealed class FieldGroupItemDraft
{
    /// <summary>Creates an item.</summary>
    public FieldGroupItemDraft(long groupId, long customerId, IReadOnlyList<FieldValue> values)
    {
        GroupId = groupId;
        CustomerId = customerId;
        Values = values;
    }

    /// <summary>Field group id.</summary>
    [JsonPropertyName("group_id")] public long GroupId { get; }

    /// <summary>Customer id.</summary>
    [JsonPropertyName("customer_id")] public long CustomerId { get; }

    /// <summary>Values for fields of the group.</summary>
    [JsonPropertyName("values")] public IReadOnlyList<FieldValue> Values { get; }
}
