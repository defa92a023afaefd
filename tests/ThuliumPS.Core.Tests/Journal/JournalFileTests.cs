using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Journal;

namespace ThuliumPS.Core.Tests.Journal;

/// <summary>The journal file's format: JSON Lines that round-trip, a torn last line, one writer at a time.</summary>
public sealed class JournalFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("thuliumps-journal-").FullName;

    private string PathOf(string name) => Path.Combine(folder, name);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static JournalEntry Entry(string key, string kind, string? outcome = null, long? id = null) => new()
    {
        Time = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero),
        Command = "New-ThuliumCustomer",
        KeyBy = JournalKeys.Hash,
        Key = key,
        Event = kind,
        Outcome = outcome,
        Status = outcome is null ? null : "Created",
        Ids = id is { } value ? new Dictionary<string, long> { ["customer_id"] = value } : null,
        Run = "r1",
        InputIndex = 0,
    };

    [Fact]
    public void Entries_round_trip_one_json_object_per_line_and_the_last_entry_of_a_key_counts()
    {
        var path = PathOf("round.jsonl");
        using (var journal = JournalFile.OpenForWriting(path, new EngineMessageQueue()))
        {
            journal.Append(Entry("a", JournalEvents.Sent));
            journal.Append(Entry("b", JournalEvents.Sent));
            journal.Append(Entry("a", JournalEvents.Outcome, "Succeeded", 441));
            journal.Flush();
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
        Assert.Contains("\"customer_id\":441", lines[2], StringComparison.Ordinal);
        Assert.Contains("\"event\":\"sent\"", lines[0], StringComparison.Ordinal);

        using var read = JournalFile.OpenForReading(path, new EngineMessageQueue());
        Assert.Equal(3, read.State.Entries);
        Assert.Equal(0, read.State.Skipped);
        var a = read.State.Last("new-thuliumcustomer", "a")!;
        Assert.Equal(JournalEvents.Outcome, a.Event);
        Assert.Equal(441, a.Ids!["customer_id"]);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero), a.Time);
        Assert.Equal(JournalEvents.Sent, read.State.Last("New-ThuliumCustomer", "b")!.Event);
        Assert.Null(read.State.Last("Remove-ThuliumCustomer", "a"));
        Assert.Equal([JournalKeys.Hash], read.State.KeyKinds("New-ThuliumCustomer"));
    }

    [Fact]
    public void A_torn_last_line_is_ignored_with_a_verbose_note_and_the_next_entry_starts_a_line_of_its_own()
    {
        var path = PathOf("torn.jsonl");
        using (var journal = JournalFile.OpenForWriting(path, new EngineMessageQueue()))
        {
            journal.Append(Entry("a", JournalEvents.Outcome, "Succeeded", 1));
            journal.Append(Entry("b", JournalEvents.Sent));
        }

        // What kill -9 in the middle of a write leaves: part of a line, no line break.
        var whole = JsonSerializer.Serialize(Entry("b", JournalEvents.Outcome, "Succeeded", 2));
        File.AppendAllText(path, whole[..(whole.Length / 2)]);

        var log = new EngineMessageQueue();
        using (var reopened = JournalFile.OpenForWriting(path, log))
        {
            Assert.Equal(2, reopened.State.Entries);
            Assert.Equal(1, reopened.State.Skipped);
            Assert.Equal(JournalEvents.Sent, reopened.State.Last("New-ThuliumCustomer", "b")!.Event);
            Assert.True(log.TryTake(out var note));
            Assert.Equal(EngineMessageLevel.Verbose, note.Level);
            Assert.Contains("torn", note.Text, StringComparison.Ordinal);
            Assert.Contains("line 3", note.Text, StringComparison.Ordinal);
            reopened.Append(Entry("c", JournalEvents.Sent));
        }

        using var read = JournalFile.OpenForReading(path, new EngineMessageQueue());
        Assert.Equal(3, read.State.Entries);
        Assert.Equal(1, read.State.Skipped);
        Assert.NotNull(read.State.Last("New-ThuliumCustomer", "c"));
    }

    [Fact]
    public void A_file_that_is_no_journal_is_refused_untouched_and_no_lock_file_is_left_beside_it()
    {
        var csv = PathOf("customers.csv");
        const string Text = "surname,identifier\nKowalski,ID-1\n";
        File.WriteAllText(csv, Text);

        var refused = Assert.Throws<JournalException>(() => JournalFile.OpenForWriting(csv, new EngineMessageQueue()));
        Assert.Contains("is not a ThuliumPS journal", refused.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", refused.Message, StringComparison.Ordinal);
        Assert.Equal(Text, File.ReadAllText(csv));
        Assert.False(File.Exists(csv + ".lock"));
        Assert.Throws<JournalException>(() => JournalFile.OpenForReading(csv, new EngineMessageQueue()));

        // JSON of another shape is no journal either; blank lines before it change nothing.
        var json = PathOf("other.jsonl");
        File.WriteAllText(json, "\n{\"name\":\"x\"}\n");
        Assert.Contains("line 2", Assert.Throws<JournalException>(() => JournalFile.OpenForWriting(json, new EngineMessageQueue())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_journal_whose_only_line_is_torn_is_still_a_journal()
    {
        // A crash while the first run wrote its first entry: the part written is skipped, the journal used.
        var path = PathOf("first-torn.jsonl");
        var whole = JsonSerializer.Serialize(Entry("a", JournalEvents.Sent));
        File.WriteAllText(path, whole[..(whole.Length / 2)]);

        using var journal = JournalFile.OpenForWriting(path, new EngineMessageQueue());
        Assert.Equal(0, journal.State.Entries);
        Assert.Equal(1, journal.State.Skipped);
    }

    [Fact]
    public void A_complete_last_line_without_its_line_break_still_counts_and_the_next_entry_goes_on_a_new_line()
    {
        var path = PathOf("nolf.jsonl");
        using (var journal = JournalFile.OpenForWriting(path, new EngineMessageQueue()))
        {
            journal.Append(Entry("a", JournalEvents.Sent));
        }

        File.WriteAllText(path, File.ReadAllText(path).TrimEnd('\n'));
        using (var journal = JournalFile.OpenForWriting(path, new EngineMessageQueue()))
        {
            Assert.Equal(1, journal.State.Entries);
            Assert.Equal(0, journal.State.Skipped);
            journal.Append(Entry("b", JournalEvents.Sent));
        }

        Assert.Equal(2, File.ReadAllLines(path).Length);
        using var read = JournalFile.OpenForReading(path, new EngineMessageQueue());
        Assert.Equal(2, read.State.Entries);
    }

    [Fact]
    public void A_second_writer_is_refused_while_the_first_holds_the_journal_but_readers_are_not()
    {
        var path = PathOf("locked.jsonl");
        using (var first = JournalFile.OpenForWriting(path, new EngineMessageQueue()))
        {
            first.Append(Entry("a", JournalEvents.Sent));
            first.Flush();
            var refused = Assert.Throws<JournalException>(() => JournalFile.OpenForWriting(path, new EngineMessageQueue()));
            Assert.Contains("in use by another command", refused.Message, StringComparison.Ordinal);
            Assert.IsAssignableFrom<IOException>(refused.InnerException);

            using var reader = JournalFile.OpenForReading(path, new EngineMessageQueue());
            Assert.Equal(1, reader.State.Entries);
            Assert.Single(File.ReadAllLines(path));
        }

        using var second = JournalFile.OpenForWriting(path, new EngineMessageQueue());
        Assert.Equal(1, second.State.Entries);
    }

    [Fact]
    public void A_rehearsal_reads_an_absent_journal_as_empty_and_creates_nothing()
    {
        var path = PathOf("absent.jsonl");
        using var journal = JournalFile.OpenForReading(path, new EngineMessageQueue());
        Assert.True(journal.IsReadOnly);
        Assert.Equal(0, journal.State.Entries);
        Assert.Throws<InvalidOperationException>(() => journal.Append(Entry("a", JournalEvents.Sent)));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_journal_in_a_folder_that_does_not_exist_is_a_journal_exception()
    {
        var error = Assert.Throws<JournalException>(() => JournalFile.OpenForWriting(PathOf("no/such/folder.jsonl"), new EngineMessageQueue()));
        Assert.Contains("cannot be opened", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hash_key_is_sha256_of_the_canonical_request_json_whatever_the_order_of_custom_fields()
    {
        var one = new Core.Models.CustomerDraft { Surname = "Nowak", Name = "Anna", CustomFields = new Dictionary<string, object?> { ["b"] = "2", ["a"] = 1L } };
        var two = new Core.Models.CustomerDraft { Name = "Anna", Surname = "Nowak", CustomFields = new Dictionary<string, object?> { ["a"] = 1L, ["b"] = "2" } };
        var (kind, key) = JournalKeys.Default(one);
        Assert.Equal(JournalKeys.Hash, kind);
        Assert.Equal(key, JournalKeys.Default(two).Key);

        // Written out by hand: properties sorted by ordinal name at every level, no whitespace.
        const string Canonical = "{\"customers\":[{\"custom_fields\":{\"a\":1,\"b\":\"2\"},\"name\":\"Anna\",\"surname\":\"Nowak\"}]}";
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical))).ToLowerInvariant(), key);

        Assert.NotEqual(key, JournalKeys.Default(new Core.Models.CustomerDraft { Name = "Anna", Surname = "Nowak" }).Key);
        Assert.Equal((JournalKeys.Id, "441"), JournalKeys.Default(441L));
        Assert.Equal((JournalKeys.Id, "00001/441"), JournalKeys.Default(new Core.Models.CrmRecordKey("00001", 441)));
    }

    [Fact]
    public void A_key_property_is_read_by_the_one_column_rule_and_a_row_without_it_is_told_why()
    {
        var row = Core.Input.InputItem.Row([new("Identifier ", "  C-1 "), new("surname", "Nowak")]);
        Assert.True(JournalKeys.TryFromColumn(row, "identifier", out var key, out _));
        Assert.Equal("C-1", key);

        Assert.False(JournalKeys.TryFromColumn(row, "customer_id", out _, out var missing));
        Assert.Contains("no such column", missing, StringComparison.Ordinal);
        Assert.Contains("surname", missing, StringComparison.Ordinal);

        Assert.False(JournalKeys.TryFromColumn(Core.Input.InputItem.Row([new("identifier", " ")]), "identifier", out _, out var blank));
        Assert.Contains("empty", blank, StringComparison.Ordinal);

        Assert.False(JournalKeys.TryFromColumn(Core.Input.InputItem.Single(5L), "identifier", out _, out var single));
        Assert.Contains("single value", single, StringComparison.Ordinal);
    }
}
