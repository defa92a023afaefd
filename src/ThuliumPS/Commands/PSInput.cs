using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace ThuliumPS.Commands;

/// <summary>
/// Turns what PowerShell hands a cmdlet (PSObjects, PSCustomObjects from Import-Csv, hashtables, arrays) into plain
/// .NET values for Core, which knows nothing of PowerShell.
/// </summary>
internal static class PSInput
{
    /// <summary>The name/value pairs of a row: a dictionary's entries or an object's properties.</summary>
    public static IEnumerable<KeyValuePair<string, object?>> Properties(object? input)
    {
        switch (Base(input))
        {
            case null:
                yield break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    yield return new KeyValuePair<string, object?>(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "", Plain(entry.Value));
                }

                yield break;
            default:
                foreach (var property in PSObject.AsPSObject(input).Properties)
                {
                    yield return new KeyValuePair<string, object?>(property.Name, Plain(property.Value));
                }

                yield break;
        }
    }

    /// <summary>
    /// The items of a value given to an -InputObject parameter: an array given by parameter behaves exactly like
    /// the same items piped one by one (a hashtable or a string is one item).
    /// </summary>
    public static IEnumerable<object?> Items(object? input) =>
        Base(input) is IEnumerable list and not string and not IDictionary ? list.Cast<object?>() : [input];

    /// <summary>
    /// The plain value: a PSObject's base object; a PSCustomObject becomes a hashtable of its properties; arrays and
    /// lists element by element.
    /// </summary>
    public static object? Plain(object? value)
    {
        var baseObject = Base(value);
        return baseObject switch
        {
            null => null,
            PSCustomObject => ToHashtable(value!),
            string or IDictionary => baseObject,
            IEnumerable list => list.Cast<object?>().Select(Plain).ToArray(),
            _ => baseObject,
        };
    }

    /// <summary>
    /// An id given by value or inside an object: a scalar as is; a row or result object → the first of
    /// <paramref name="names"/> it has (case-insensitive, e.g. customer_id / CustomerId / Id).
    /// </summary>
    public static object? IdFrom(object? input, params string[] names)
    {
        var baseObject = Base(input);
        if (baseObject is null || baseObject is string || baseObject.GetType().IsPrimitive || baseObject is decimal)
        {
            return baseObject;
        }

        var properties = Properties(input).ToList();
        foreach (var name in names)
        {
            var match = properties.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));
            if (match.Key is not null)
            {
                return match.Value;
            }
        }

        return baseObject; // not an id: the Core parser names what it got
    }

    private static object? Base(object? value) => value is PSObject pso ? pso.BaseObject : value;

    private static Hashtable ToHashtable(object value)
    {
        var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var property in PSObject.AsPSObject(value).Properties)
        {
            table[property.Name] = Plain(property.Value);
        }

        return table;
    }
}
