using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ThuliumPS.Core.Input;
using ThuliumPS.Core.Json;
using ThuliumPS.Core.Json.Requests;
using ThuliumPS.Core.Models;

namespace ThuliumPS.Core.Journal;

/// <summary>
/// An item's key in the journal: what tells a re-run that this input is the item an earlier run sent.
/// </summary>
/// <remarks>
/// Three kinds, recorded with every entry (<see cref="JournalEntry.KeyBy"/>) so a journal is never read with keys of
/// another kind:
/// <list type="bullet">
/// <item><c>property:&lt;name&gt;</c> — the value of one column the user names (-KeyProperty), read by the module's
/// one column rule; stable for as long as the user's data is.</item>
/// <item><c>id</c> — a delete's own target (customer id, campaign id, campaign/customer for a CRM record).</item>
/// <item><c>sha256</c> — for creates without -KeyProperty: SHA-256 (lower-case hex) of the mapped item's request JSON
/// in canonical form (object properties sorted by ordinal name, no whitespace; arrays keep their order). It depends
/// only on what would be sent, so the same row gives the same key in any process and run, whatever the column order
/// or header spelling; a changed value gives a new key. Two rows that send the same thing are one item to the journal.</item>
/// </list>
/// </remarks>
public static class JournalKeys
{
    /// <summary>Keys are SHA-256 hashes of the canonical request JSON.</summary>
    public const string Hash = "sha256";

    /// <summary>Keys are the delete's own ids.</summary>
    public const string Id = "id";

    /// <summary>The key kind for -KeyProperty <paramref name="name"/>.</summary>
    public static string Property(string name) => "property:" + (name ?? throw new ArgumentNullException(nameof(name)));

    /// <summary>The key of a valid item when no key property is named: its id (deletes) or its hash (creates).</summary>
    /// <exception cref="ArgumentException">The item is of a type the journal does not know.</exception>
    public static (string KeyBy, string Key) Default(object item) => item switch
    {
        long customerId => (Id, customerId.ToString(CultureInfo.InvariantCulture)),
        string campaignId => (Id, campaignId),
        CrmRecordKey record => (Id, record.CampaignId + "/" + record.CustomerId.ToString(CultureInfo.InvariantCulture)),
        CustomerDraft customer => (Hash, Sha256(Canonical(JsonSerializer.SerializeToUtf8Bytes(new CreateCustomersRequest([customer]), ThuliumJsonContext.Default.CreateCustomersRequest)))),
        FieldGroupItemDraft groupItem => (Hash, Sha256(Canonical(JsonSerializer.SerializeToUtf8Bytes(groupItem, ThuliumJsonContext.Default.FieldGroupItemDraft)))),
        null => throw new ArgumentNullException(nameof(item)),
        _ => throw new ArgumentException("The journal has no key for items of type " + item.GetType().Name + ".", nameof(item)),
    };

    /// <summary>
    /// The value of column <paramref name="name"/> as a key. False, with <paramref name="error"/> saying why, when the
    /// item is not a row, has no such column, or leaves it blank.
    /// </summary>
    public static bool TryFromColumn(InputItem item, string name, out string key, out string error)
    {
        if (item is null) throw new ArgumentNullException(nameof(item));
        key = string.Empty;
        if (!item.IsRow)
        {
            error = string.Format(CultureInfo.InvariantCulture, "-KeyProperty '{0}': the item is a single value, not a row or object with a '{0}' property, so the journal has no key for it.", name);
            return false;
        }

        if (!item.TryGetColumn([name], out var column, out var value))
        {
            error = string.Format(CultureInfo.InvariantCulture, "-KeyProperty '{0}': the item has no such column (it has: {1}), so the journal has no key for it.", name, item.ColumnList);
            return false;
        }

        if (InputValues.IsBlank(value))
        {
            error = string.Format(CultureInfo.InvariantCulture, "-KeyProperty '{0}': the item's '{1}' is empty, so the journal has no key for it.", name, column);
            return false;
        }

        key = (Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty).Trim();
        error = string.Empty;
        return true;
    }

    /// <summary>The JSON with every object's properties sorted by ordinal name and no whitespace.</summary>
    internal static byte[] Canonical(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, document.RootElement);
        }

        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var value in element.EnumerateArray())
                {
                    Write(writer, value);
                }

                writer.WriteEndArray();
                break;
            default:
                // Strings are re-escaped by the writer, numbers kept as written: both the same for the same value.
                element.WriteTo(writer);
                break;
        }
    }

    private static string Sha256(byte[] data)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(data);
        var text = new StringBuilder(hash.Length * 2);
        foreach (var b in hash)
        {
            text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
