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
/// The scalar types are registered because custom-field and <see cref="FieldValue"/> values are typed
/// <c>object?</c>: serialising one looks up the runtime type's metadata here. <see cref="ScalarValues"/> keeps
/// other types out before anything is serialised.
/// </remarks>
[JsonSourceGenerationOptions(
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
