using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using ThuliumPS.Core.Json.Requests;
using ThuliumPS.Core.Json.Responses;
using ThuliumPS.Core.Models;

namespace ThuliumPS.Core.Json;

/// <summary>
/// Source-generated (trim- and reflection-free) serialisation for every request and response type. Tolerant on
/// reading: trailing commas (the DELETE batch/customers example has one) and comments are accepted, unknown
/// properties ignored, numbers accepted as strings. Null properties are not written, because the API treats an
/// empty value as "clear" and absence as "leave alone".
/// </summary>
/// <remarks>
/// Metadata only, no fast-path serializers: a create request's customers cannot take the fast path (their e-mail and
/// phone have a converter of their own), and with it the request's fast path called the serializer anew for every
/// customer, which allocated a fresh serializer stack for each one that has an address or custom fields (measured:
/// 38 KB of garbage per 100-customer body, 2 KB without). The bytes written are the same either way.
/// The scalar types are registered because custom-field and <see cref="FieldValue"/> values are typed
/// <c>object?</c>: serialising one looks up the runtime type's metadata here. <see cref="ScalarValues"/> keeps
/// other types out before anything is serialised.
/// </remarks>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Metadata,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(CreateCustomersRequest))]
[JsonSerializable(typeof(FieldGroupItemDraft))]
[JsonSerializable(typeof(Dictionary<string, BatchItemResult>))]
[JsonSerializable(typeof(List<BatchItemResult>))]
[JsonSerializable(typeof(CreatedItemResult))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(CustomerWire))]
[JsonSerializable(typeof(CustomerPageWire))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(decimal))]
internal sealed partial class ThuliumJsonContext : JsonSerializerContext
{
}
