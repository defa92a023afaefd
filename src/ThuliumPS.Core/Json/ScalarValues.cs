namespace ThuliumPS.Core.Json;

/// <summary>
/// The value types a custom field or field-group value may hold. Checked per item before a request is built, so
/// one unsupported value fails its own item (InvalidInput) instead of the serialisation of the whole batch.
/// </summary>
internal static class ScalarValues
{
    /// <summary>True for null, string, bool, int, long, double and decimal (the types registered for serialisation).</summary>
    public static bool IsSupported(object? value)
        => value is null or string or bool or int or long or double or decimal;

    /// <summary>The message for an unsupported value.</summary>
    public static string Unsupported(string fieldName, object value)
        => "The value of '" + fieldName + "' has type " + value.GetType().FullName +
           "; only text, true/false and numbers can be sent.";
}
