using System;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace ThuliumPS.Core.Json;

/// <summary>
/// Reads an integer the way the API actually sends ids and statuses: as a JSON number (<c>"record_id": 5235</c>)
/// or as a string (<c>"customer_id": "13"</c>) — the docs show both for the same kind of field.
/// </summary>
internal static class FlexibleNumber
{
    /// <summary>
    /// Reads the current token; returns null for null, an empty or non-numeric string, a fraction, or a
    /// non-scalar (which is skipped), so one odd field never makes a whole answer unreadable.
    /// </summary>
    public static long? ReadInt64(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var number))
                {
                    return number;
                }

                return reader.TryGetDouble(out var real) && Math.Abs(real % 1) < double.Epsilon && Math.Abs(real) < long.MaxValue
                    ? (long)real
                    : null;

            case JsonTokenType.String:
                // The usual id in a string ("13") is parsed from the raw bytes: a batch's answer has one per created
                // customer, and each made a string only to be parsed. Anything else (spaces, escapes, a '+') takes the
                // string path below, which reads the same values.
                if (!reader.HasValueSequence && !reader.ValueIsEscaped
                    && Utf8Parser.TryParse(reader.ValueSpan, out long plain, out var consumed)
                    && consumed == reader.ValueSpan.Length)
                {
                    return plain;
                }

                var text = reader.GetString();
                return long.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : null;

            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return null;

            default:
                return null;
        }
    }

    /// <summary>Writes a number (used only if a response type is ever serialised, e.g. in tests).</summary>
    public static void Write(Utf8JsonWriter writer, long? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteNumberValue(value.Value);
        }
    }

    /// <summary>Formats an id for a query string or a response key.</summary>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Length of <see cref="Format"/>'s result without allocating.</summary>
    public static int FormattedLength(long value)
    {
        Span<byte> buffer = stackalloc byte[24];
        return Utf8Formatter.TryFormat(value, buffer, out var written) ? written : Format(value).Length;
    }
}
