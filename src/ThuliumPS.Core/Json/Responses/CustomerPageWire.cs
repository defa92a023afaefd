using System.Text.Json;
using System.Text.Json.Serialization;
using ThuliumPS.Core.Json;

namespace ThuliumPS.Core.Json.Responses;

/// <summary>
/// The list envelope <c>{"count": …, "result": [...]}</c> (documented on the campaign-record pages and in the
/// sandbox contract; the GET customers page's example is cut off in the archive). <c>result</c> stays raw so that
/// an array and a PHP-style object keyed "0", "1" … are both read.
/// </summary>
internal sealed class CustomerPageWire
{
    [JsonPropertyName("count")]
    [JsonConverter(typeof(FlexibleInt64Converter))]
    public long? Count { get; set; }

    [JsonPropertyName("result")]
    public JsonElement? Result { get; set; }
}
