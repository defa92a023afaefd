using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ThuliumPS.Core.Json;

/// <summary>
/// Reads "one or many" text values whatever their shape: a string (<c>"email": "a@b.pl"</c>), an array of strings
/// (<c>"phone_numbers": [...]</c>), numbers as their literal text (a phone number sent as a JSON number stays
/// readable). Empty strings and nulls are dropped, so the API's <c>""</c> for "none" reads as an empty list; an
/// object is skipped (empty list) rather than making the whole customer unreadable.
/// </summary>
internal sealed class FlexibleStringListConverter : JsonConverter<List<string>?>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override List<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var values = new List<string>();
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        reader.Skip();
                        continue;
                    }

                    Add(values, Scalar(ref reader));
                }

                return values;
            case JsonTokenType.StartObject:
                reader.Skip();
                return values;
            default:
                Add(values, Scalar(ref reader));
                return values;
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, List<string>? value, JsonSerializerOptions options)
    {
        if (writer is null) throw new ArgumentNullException(nameof(writer));
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }

    private static string? Scalar(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray()),
        _ => null,
    };

    private static void Add(List<string> values, string? value)
    {
        var trimmed = value?.Trim();
        if (!string.IsNullOrEmpty(trimmed))
        {
            values.Add(trimmed!);
        }
    }
}
