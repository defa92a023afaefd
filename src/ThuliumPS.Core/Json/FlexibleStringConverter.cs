using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ThuliumPS.Core.Json;

/// <summary>
/// Reads a text field whatever its JSON shape: a string as is, a number or boolean as its literal text (a
/// campaign id sent as <c>1</c> instead of <c>"00001"</c> stays readable), an array of strings joined with
/// <c>"; "</c> (a message given as a list), and any other object as its raw JSON text.
/// </summary>
internal sealed class FlexibleStringConverter : JsonConverter<string?>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
            case JsonTokenType.True:
            case JsonTokenType.False:
                return Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray());
            case JsonTokenType.StartArray:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    var parts = new List<string>();
                    foreach (var element in document.RootElement.EnumerateArray())
                    {
                        parts.Add(element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText());
                    }

                    return string.Join("; ", parts);
                }

            case JsonTokenType.StartObject:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    return document.RootElement.GetRawText();
                }

            default:
                return null;
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (writer is null) throw new ArgumentNullException(nameof(writer));
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
