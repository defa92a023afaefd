using System;
using System.Collections.Generic;
using System.Text;

namespace ThuliumPS.Core.Endpoints;

/// <summary>
/// Builds request targets with PHP-style list parameters (<c>name%5B%5D=v1&amp;name%5B%5D=v2</c>) and computes
/// their lengths exactly, so the planner's URL-length arithmetic matches what goes on the wire. Every list
/// parameter adds one separator (<c>?</c> for the first, <c>&amp;</c> after) plus <c>name%5B%5D=</c> plus the
/// encoded value, whatever its position.
/// </summary>
internal static class QueryTarget
{
    /// <summary>Percent-encoded <c>[]</c>: brackets are not allowed raw in a query by RFC 3986.</summary>
    public const string ListSuffix = "%5B%5D";

    /// <summary>Characters one list value adds: separator, name, <c>%5B%5D=</c>, encoded value.</summary>
    public static int ParameterLength(string name, string encodedValue) => 1 + name.Length + ListSuffix.Length + 1 + encodedValue.Length;

    /// <summary>The path plus the list parameters (and any fixed query already in <paramref name="pathAndFixedQuery"/>).</summary>
    public static string Build(string pathAndFixedQuery, string name, IEnumerable<string> encodedValues)
    {
        var builder = new StringBuilder(pathAndFixedQuery);
        var separator = pathAndFixedQuery.IndexOf('?') >= 0 ? '&' : '?';
        foreach (var value in encodedValues)
        {
            builder.Append(separator).Append(name).Append(ListSuffix).Append('=').Append(value);
            separator = '&';
        }

        return builder.ToString();
    }

    /// <summary>Percent-encodes a value for a path segment or query value.</summary>
    public static string Encode(string value) => Uri.EscapeDataString(value);
}
