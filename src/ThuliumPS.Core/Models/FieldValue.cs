using System.Text.Json.Serialization;

namespace ThuliumPS.Core.Models;

/// <summary>One <c>{"field_id", "value"}</c> pair of a custom-field group item.</summary>
public sealed class FieldValue
{
    /// <summary>Creates a field value.</summary>
    public FieldValue(long fieldId, object? value)
    {
        FieldId = fieldId;
        Value = value;
    }

    /// <summary>Id of the field within its group.</summary>
    [JsonPropertyName("field_id")] public long FieldId { get; }

    /// <summary>The value: a scalar (string, bool, long, double or decimal); the docs show strings and numbers.</summary>
    [JsonPropertyName("value")] public object? Value { get; }
}
