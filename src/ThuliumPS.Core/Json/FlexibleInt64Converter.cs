using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ThuliumPS.Core.Json;

/// <summary>An id read from a JSON number or a numeric string (see <see cref="FlexibleNumber"/>).</summary>
internal sealed class FlexibleInt64Converter : JsonConverter<long?>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => FlexibleNumber.ReadInt64(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
        => FlexibleNumber.Write(writer, value);
}
