using System;
using System.Collections.Generic;
using System.Linq.Expressions;
using System.Management.Automation;
using System.Reflection;

namespace ThuliumPS.Commands;

/// <summary>
/// Reads the properties of a plain PSCustomObject — an Import-Csv row, a <c>[pscustomobject]@{…}</c> — straight from
/// its own note properties. <c>PSObject.Properties</c> copies every member of the object on each enumeration:
/// measured on a 10-column Import-Csv row, 6.4 KB and 27 µs per row (more than Import-Csv spends making the row),
/// against 0.4 KB and 2 µs here. The rows of a large import are the module's hot path.
/// </summary>
/// <remarks>
/// It reads PowerShell's own list of the object's instance members and its type names (<c>PSObject.InstanceMembers</c>
/// and <c>PSObject.InternalTypeNames</c>, not public, present in Windows PowerShell 5.1 and PowerShell 7), found once
/// by reflection. Where that list could differ from
/// what <c>PSObject.Properties</c> shows, the caller's slow path is used instead: when the member cannot be found,
/// when the object has a type name of its own (type data could add members to it), when the session has type data
/// for PSCustomObject (checked once per command by the caller), and when a member is not a plain note property
/// (a script property is evaluated by PowerShell, not here).
/// </remarks>
internal static class NoteProperties
{
    private const string CustomObjectTypeName = "System.Management.Automation.PSCustomObject";

    private static readonly Func<PSObject, IEnumerable<PSMemberInfo>>? InstanceMembers = FindInternal<IEnumerable<PSMemberInfo>>("InstanceMembers");

    // Not the public PSObject.TypeNames: its getter makes the object's type names writable and registers the copy
    // in a ConditionalWeakTable, one GC handle per row. Measured: 20,000 rows left 20,000 handles after a full
    // collection, and every collection of a large import scanned them all (GC pauses of 5 ms and more).
    private static readonly Func<PSObject, IList<string>>? InternalTypeNames = FindInternal<IList<string>>("InternalTypeNames");

    /// <summary>True when this PowerShell lets the fast path be used at all.</summary>
    public static bool Available => InstanceMembers is not null && InternalTypeNames is not null;

    /// <summary>
    /// Adds <paramref name="row"/>'s property names and values to the lists and returns true, when the row is a plain
    /// PSCustomObject; returns false with both lists empty otherwise.
    /// </summary>
    public static bool TryRead(PSObject row, List<string> names, List<object?> values)
    {
        if (InstanceMembers is null || InternalTypeNames is null || row.BaseObject is not PSCustomObject)
        {
            return false;
        }

        var typeNames = InternalTypeNames(row);
        if (typeNames.Count != 2 || !string.Equals(typeNames[0], CustomObjectTypeName, StringComparison.Ordinal))
        {
            return false;
        }

        var members = InstanceMembers(row);
        if (IndexedMembers is { } indexed)
        {
            // By position: enumerating the collection copies it into an array and boxes an entry per member, which
            // for a 10-column row was 0.5 KB of garbage on every row of an import.
            var count = indexed.Count(members);
            if (indexed.VisibleCount(members) != count)
            {
                return false; // hidden members: PSObject.Properties decides what shows
            }

            for (var i = 0; i < count; i++)
            {
                if (!TryAdd(indexed.At(members, i), names, values))
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var member in members)
        {
            if (!TryAdd(member, names, values))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryAdd(PSMemberInfo member, List<string> names, List<object?> values)
    {
        // Exactly a note property: a subclass (or a script property) may compute its value, which PowerShell does.
        if (member.GetType() != typeof(PSNoteProperty))
        {
            names.Clear();
            values.Clear();
            return false;
        }

        names.Add(member.Name);
        values.Add(((PSNoteProperty)member).Value);
        return true;
    }

    /// <summary>Count, visible count and item by position of PowerShell's member collection (non-public), when this PowerShell has them.</summary>
    private sealed class IndexedAccess(Func<IEnumerable<PSMemberInfo>, int> count, Func<IEnumerable<PSMemberInfo>, int> visibleCount, Func<IEnumerable<PSMemberInfo>, int, PSMemberInfo> at)
    {
        public Func<IEnumerable<PSMemberInfo>, int> Count { get; } = count;

        public Func<IEnumerable<PSMemberInfo>, int> VisibleCount { get; } = visibleCount;

        public Func<IEnumerable<PSMemberInfo>, int, PSMemberInfo> At { get; } = at;
    }

    private static readonly IndexedAccess? IndexedMembers = FindIndexedAccess();

    private static IndexedAccess? FindIndexedAccess()
    {
        try
        {
            var type = typeof(PSObject).GetProperty("InstanceMembers", BindingFlags.Instance | BindingFlags.NonPublic)?.PropertyType;
            const BindingFlags Flags = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
            var count = type?.GetProperty("Count", Flags, null, typeof(int), Type.EmptyTypes, null);
            var visible = type?.GetProperty("VisibleCount", Flags, null, typeof(int), Type.EmptyTypes, null);
            var item = type?.GetProperty("Item", Flags, null, null, [typeof(int)], null);
            if (type is null || count is null || visible is null || item is null || !typeof(PSMemberInfo).IsAssignableFrom(item.PropertyType))
            {
                return null;
            }

            var members = Expression.Parameter(typeof(IEnumerable<PSMemberInfo>), "members");
            var index = Expression.Parameter(typeof(int), "index");
            var typed = Expression.Convert(members, type);
            return new IndexedAccess(
                Expression.Lambda<Func<IEnumerable<PSMemberInfo>, int>>(Expression.Property(typed, count), members).Compile(),
                Expression.Lambda<Func<IEnumerable<PSMemberInfo>, int>>(Expression.Property(typed, visible), members).Compile(),
                Expression.Lambda<Func<IEnumerable<PSMemberInfo>, int, PSMemberInfo>>(
                    Expression.Convert(Expression.Property(typed, item, index), typeof(PSMemberInfo)), members, index).Compile());
        }
#pragma warning disable CA1031 // Any failure here only means the members are enumerated instead.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>A compiled getter of PSObject's non-public property <paramref name="name"/>, or null when this PowerShell has none of that type.</summary>
    private static Func<PSObject, T>? FindInternal<T>(string name)
    {
        try
        {
            var property = typeof(PSObject).GetProperty(name, BindingFlags.Instance | BindingFlags.NonPublic);
            if (property is null || !typeof(T).IsAssignableFrom(property.PropertyType))
            {
                return null;
            }

            var row = Expression.Parameter(typeof(PSObject), "row");
            return Expression.Lambda<Func<PSObject, T>>(Expression.Convert(Expression.Property(row, property), typeof(T)), row).Compile();
        }
#pragma warning disable CA1031 // Any failure here only means the slow, public path is used.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
