using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ThuliumPS.Sandbox.State;

/// <summary>A customer from a request (its JSON object as parsed) and the id the store gave it.</summary>
/// <param name="Fields">The customer's object, every field as sent.</param>
/// <param name="Id">Its new <c>customer_id</c>.</param>
public readonly record struct NewCustomer(JsonElement Fields, long Id);

/// <summary>
/// Turns a batch's new customers into the store's compact form: the customers' UTF-8 text with their ids, parsed
/// into one document of exactly that size, each customer one <see cref="JsonObject"/> over its part that reads its
/// fields only when someone asks.
/// </summary>
/// <remarks>
/// A customer read field by field is a tree of some 25 objects (a dictionary, a node and a name string per field,
/// ~1.5 KB); its compact form is one small object and its share of the batch's text (~0.5 KB). The benchmarks store
/// hundreds of thousands of customers, all of which survive, and carrying those trees through the garbage
/// collector's generations was most of the sandbox's CPU time. Reading a stored customer's fields later (a filter,
/// a delete) builds its tree then, as for any parsed JsonObject. Not thread-safe: one buffer, reused (the store uses
/// it under its lock).
/// </remarks>
internal sealed class CustomerCompactor
{
    private const string IdName = "customer_id";

    private readonly ArrayBufferWriter<byte> buffer = new(64 * 1024);

    // Relaxed escaping only keeps the stored text short (no \uXXXX for Polish letters): nobody sees it as written,
    // every answer re-encodes the values with the answer's own settings.
    private readonly Utf8JsonWriter writer = new(Stream.Null, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The customers as stored, in order: every field as sent, <c>customer_id</c> set to the new id.</summary>
    public JsonObject[] Compact(IReadOnlyList<NewCustomer> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        try
        {
            writer.WriteStartArray();
            foreach (var customer in customers)
            {
                Write(customer);
            }

            writer.WriteEndArray();
            writer.Flush();
        }
        catch (InvalidOperationException) when (customers.Count > 1)
        {
            // Some string cannot be re-encoded: one by one, so that only that customer is kept the plain way.
            return customers.SelectMany(c => Compact([c])).ToArray();
        }
        catch (InvalidOperationException)
        {
            // A string that cannot be re-encoded (an escaped lone surrogate such as "\ud800") is accepted as
            // parsed, as it always was: keep a plain copy. (Writing the state later fails on it, as it always did.)
            var plain = JsonObject.Create(customers[0].Fields.Clone())!;
            plain[IdName] = customers[0].Id;
            return [plain];
        }

        // ParseValue copies the text into a document of its own, sized to fit (the buffer is reused).
        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        var all = JsonElement.ParseValue(ref reader);
        var stored = new JsonObject[all.GetArrayLength()];
        var i = 0;
        foreach (var customer in all.EnumerateArray())
        {
            stored[i++] = JsonObject.Create(customer)!;
        }

        return stored;
    }

    /// <summary>
    /// The customer's fields in order, with its id where a given <c>customer_id</c> was, else as the last field
    /// (where setting <c>customer["customer_id"]</c> on the parsed object puts it).
    /// </summary>
    private void Write(NewCustomer customer)
    {
        writer.WriteStartObject();
        var idWritten = false;
        foreach (var field in customer.Fields.EnumerateObject())
        {
            if (field.NameEquals(IdName))
            {
                writer.WriteNumber(IdName, customer.Id);
                idWritten = true;
            }
            else
            {
                field.WriteTo(writer);
            }
        }

        if (!idWritten)
        {
            writer.WriteNumber(IdName, customer.Id);
        }

        writer.WriteEndObject();
    }
}
