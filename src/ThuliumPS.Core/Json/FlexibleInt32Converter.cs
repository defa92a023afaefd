using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ThuliumPS.Core.Json;

/// <summary>An <c>http_status</c> read from a JSON number or a numeric string (see <see cref="FlexibleNumber"/>).</summary>
internal sealed class FlexibleInt32Converter : JsonConverter<int?>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = FlexibleNumber.ReadInt64(ref reader);
        return value is >= int.MinValue and <= int.MaxValue ? (int)value.Value : null;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
        => FlexibleNumber.Write(writer, value);
}
