using System;

namespace ThuliumPS.Core.Input;

/// <summary>
/// How column and property names bind: API snake_case (<c>job_title</c>), PowerShell PascalCase (<c>JobTitle</c>)
/// and any casing are the same field. Nested values use a dot (<c>address.city</c>, <c>custom_fields.Źródło</c>);
/// the part after <c>custom_fields.</c> is a field name and is kept exactly as written.
/// </summary>
public static class ColumnNames
{
    /// <summary>The comparable form of a field name: lower case, without '_', '-' and spaces.</summary>
    public static string Normalize(string name)
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        // A plain loop: this runs for every id lookup of every row (LINQ allocated an iterator chain each time).
        var normalized = new char[name.Length];
        var length = 0;
        foreach (var c in name)
        {
            if (c != '_' && c != '-' && c != ' ')
            {
                normalized[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(normalized, 0, length);
    }

    /// <summary>Splits <c>prefix.rest</c> at the first dot; the prefix normalised, the rest as written.</summary>
    public static (string Prefix, string? Remainder) Split(string name)
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        var dot = name.IndexOf('.');
        return dot < 0 ? (Normalize(name), null) : (Normalize(name.Substring(0, dot)), name.Substring(dot + 1));
    }
}
