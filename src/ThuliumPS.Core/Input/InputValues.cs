using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ThuliumPS.Core.Input;

/// <summary>
/// Reads one loosely typed input value (a CSV cell is a string; typed callers pass numbers, bools, dates, arrays,
/// dictionaries) as the type a field needs. Each reader returns null for "not given" (null or blank) and adds a
/// message naming the column and the value to <c>errors</c> when the value cannot be that type.
/// </summary>
public static class InputValues
{
    /// <summary>The accepted text booleans, in English and Polish: true/false, 1/0, yes/no, tak/nie.</summary>
    public const string BooleanForms = "true/false, 1/0, yes/no, tak/nie";

    private static readonly string[] TrueWords = ["true", "1", "yes", "tak"];
    private static readonly string[] FalseWords = ["false", "0", "no", "nie"];

    // Dates the API may get from spreadsheets; the API documents no birthdate format, so every
    // accepted form is normalised to ISO yyyy-MM-dd. The one list of accepted forms: the refusal message is built
    // from it, and a test holds the help and about_ThuliumPS to it.
    internal static readonly string[] DateForms = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "dd.MM.yyyy", "yyyy/MM/dd"];

    /// <summary>True when the value counts as "not given": null, empty or white space.</summary>
    public static bool IsBlank(object? value) => value is null || (value is string s && string.IsNullOrWhiteSpace(s));

    /// <summary>Text; refuses dictionaries and lists.</summary>
    public static string? Text(string column, object? value, ICollection<string> errors)
    {
        if (IsBlank(value))
        {
            return null;
        }

        if (value is IDictionary || (value is IEnumerable && value is not string))
        {
            errors.Add($"Column '{column}': a {Describe(value)} is not text.");
            return null;
        }

        return Convert.ToString(value, CultureInfo.InvariantCulture)!.Trim();
    }

    /// <summary>What separates several phone numbers in one cell: only ';' (a number may hold spaces, "501 502 503").</summary>
    public static readonly char[] PhoneSeparators = [';'];

    /// <summary>
    /// What separates several e-mail addresses in one cell: ';', and also ',' and white space, which admins use as
    /// often and which no address holds outside a quoted local part.
    /// </summary>
    public static readonly char[] EmailSeparators = [';', ',', ' ', '\t', '\r', '\n'];

    /// <summary>One or several values: a list, or text with several values separated by one of <paramref name="separators"/>.</summary>
    public static IReadOnlyList<string>? List(string column, object? value, ICollection<string> errors, char[] separators)
    {
        if (IsBlank(value))
        {
            return null;
        }

        if (value is string cell && cell.Trim().IndexOfAny(separators) < 0)
        {
            // The usual CSV cell, one address or number: read once per row of a large import, so no list is built.
            return [cell.Trim()];
        }

        IEnumerable<object?> parts = value is IEnumerable list and not string and not IDictionary ? list.Cast<object?>() : [value];
        var texts = new List<string>();
        foreach (var part in parts)
        {
            var text = Text(column, part, errors);
            if (text is not null)
            {
                AddSeparated(texts, text, separators);
            }
        }

        return texts.Count == 0 ? null : texts;
    }

    private static void AddSeparated(List<string> texts, string text, char[] separators)
    {
        foreach (var piece in text.Split(separators))
        {
            var trimmed = piece.Trim();
            if (trimmed.Length > 0)
            {
                texts.Add(trimmed);
            }
        }
    }

    /// <summary>A boolean from a bool or one of <see cref="BooleanForms"/>; anything else is an error, never a silent true.</summary>
    public static bool? Boolean(string column, object? value, ICollection<string> errors)
    {
        if (IsBlank(value))
        {
            return null;
        }

        if (value is bool b)
        {
            return b;
        }

        var text = Convert.ToString(value, CultureInfo.InvariantCulture)!.Trim();
        if (TrueWords.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (FalseWords.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        errors.Add($"Column '{column}': '{text}' is not a boolean (use {BooleanForms}).");
        return null;
    }

    /// <summary>A positive whole number (an id): integral numbers or digit strings.</summary>
    public static long? PositiveId(string column, object? value, ICollection<string> errors)
    {
        if (IsBlank(value))
        {
            return null;
        }

        if (ToPositiveId(value) is { } id)
        {
            return id;
        }

        errors.Add($"Column '{column}': {NotPositiveId(value)}");
        return null;
    }

    /// <summary>The id in <paramref name="value"/> when it is a positive whole number (or its digits), else null.</summary>
    internal static long? ToPositiveId(object? value)
    {
        long? id = value switch
        {
            long l => l,
            int i => i,
            short s => s,
            byte b => b,
            uint u => u,
            ulong ul when ul <= long.MaxValue => (long)ul,
            double d when d == Math.Floor(d) && Math.Abs(d) < 9e15 => (long)d,
            decimal m when m == decimal.Truncate(m) && Math.Abs(m) < 9e15m => (long)m,
            string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };

        return id is > 0 ? id : null;
    }

    /// <summary>Why <paramref name="value"/> is not an id, without saying where it came from (the caller does).</summary>
    internal static string NotPositiveId(object? value) => $"'{Show(value)}' is not a positive whole number.";

    /// <summary>A date as ISO <c>yyyy-MM-dd</c>, from a DateTime/DateTimeOffset or text in one of the accepted forms.</summary>
    public static string? Date(string column, object? value, ICollection<string> errors)
    {
        if (IsBlank(value))
        {
            return null;
        }

        DateTime? date = value switch
        {
            DateTime d => d,
            DateTimeOffset o => o.Date,
            string s when DateTime.TryParseExact(s.Trim(), DateForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) => parsed,
            _ => null,
        };

        if (date is null)
        {
            errors.Add($"Column '{column}': '{Show(value)}' is not a date (use {string.Join(", ", DateForms)}, or a DateTime).");
            return null;
        }

        return date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A scalar for a custom field or field-group value: text, bool, whole or decimal number; a date becomes
    /// yyyy-MM-dd. Dictionaries, lists and other objects are errors.
    /// </summary>
    public static object? Scalar(string column, object? value, ICollection<string> errors) => value switch
    {
        null => null,
        string s => s,
        bool b => b,
        byte or short or int or long or sbyte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        float or double => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        decimal m => m,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Refuse(column, value, errors),
    };

    private static object? Refuse(string column, object value, ICollection<string> errors)
    {
        errors.Add($"Column '{column}': a {Describe(value)} is not a single value (text, number or boolean).");
        return null;
    }

    private static string Describe(object value) => value switch
    {
        IDictionary => "hashtable",
        IEnumerable => "list",
        _ => value.GetType().Name,
    };

    private static string Show(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
