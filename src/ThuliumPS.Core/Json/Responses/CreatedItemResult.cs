using System.Text.Json.Serialization;
using ThuliumPS.Core.Json;

namespace ThuliumPS.Core.Json.Responses;

/// <summary>The answer of POST customer_field_group_items: <c>{"item_id": 38}</c>.</summary>
internal sealed class CreatedItemResult
{
    /// <summary>Id of the created item.</summary>
    [JsonPropertyName("item_id")]
    [JsonConverter(typeof(FlexibleInt64Converter))]
    public long? ItemId { get; set; }
}
