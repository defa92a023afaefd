using System.Text.Json.Serialization;

namespace ThuliumPS.Core.Journal;

/// <summary>
/// Source-generated serialization of journal lines: one compact line per entry, nulls left out, nothing indented
/// (a line break inside an entry would break the one-entry-per-line format).
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(JournalEntry))]
internal sealed partial class JournalJsonContext : JsonSerializerContext
{
}
