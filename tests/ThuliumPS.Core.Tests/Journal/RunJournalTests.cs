using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Journal;
using ThuliumPS.Core.Models;
using ThuliumPS.Core.Outcomes;
using ThuliumPS.Core.Tests.Engine;
using ThuliumPS.Sandbox;
using ThuliumPS.Sandbox.Faults;

namespace ThuliumPS.Core.Tests.Journal;

/// <summary>What a re-run does with each item, by the journal's last entry; the entries a run writes.</summary>
public sealed class RunJournalTests : IDisposable
{
    private const string Create = "New-ThuliumCustomer";
    private const string Delete = "Remove-ThuliumCustomer";
    private readonly string folder = Directory.CreateTempSubdirectory("thuliumps-runjournal-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Path1 => Path.Combine(folder, "j.jsonl");

    private RunJournal Open(string command, bool retryUnknown = false, string keyBy = JournalKeys.Hash) =>
        new(JournalFile.OpenForWriting(Path1, new EngineMessageQueue()), command, keyBy, command == Delete, retryUnknown, "customer_id");

    /// <summary>One earlier run: items k0..k5 sent in one batch; k0 created, k1 refused, k2 answer lost, k3 missing from the answer, k4 cancelled, k5 no outcome (killed).</summary>
    private void EarlierRun(string command)
    {
        using var journal = Open(command, keyBy: command == Delete ? JournalKeys.Id : JournalKeys.Hash);
        for (var i = 0; i < 6; i++)
        {
            journal.Track(i, "k" + i);
        }

        journal.BeforeSend([0, 1, 2, 3, 4, 5]);
        journal.Record(OutcomeFactory.Succeeded(0, OutcomeStatuses.Created, 201, 1, returnedId: 441));
        journal.Record(OutcomeFactory.Failed(1, FailureReason.Rejected, OutcomeStatuses.Rejected, 400, 1, "Surname is required."));
        journal.Record(OutcomeFactory.WholeRequest(2, OutcomeKind.Unknown, FailureReason.OutcomeUnknown, OutcomeStatuses.Unknown, null, 1, "lost", null));
        journal.Record(OutcomeFactory.Missing(3, "3", 200, 1));
        journal.Record(OutcomeFactory.Cancelled(4));
    }

    [Fact]
    public void A_create_is_skipped_when_done_sent_again_when_failed_and_held_as_unknown_when_the_server_may_have_acted()
    {
        EarlierRun(Create);
        using var journal = Open(Create);

        var done = journal.Settle("k0")!;
        Assert.Equal(OutcomeKind.Succeeded, done.Kind);
        Assert.Equal(OutcomeStatuses.AlreadyDone, done.Status);
        Assert.Equal(441, done.ReturnedId);
        Assert.Contains(Path1, done.Message, StringComparison.Ordinal);
        Assert.Contains("customer_id 441", done.Message, StringComparison.Ordinal);

        Assert.Null(journal.Settle("k1"));    // refused: send again
        Assert.Null(journal.Settle("new"));   // never seen: send

        foreach (var key in new[] { "k2", "k3", "k4", "k5" })
        {
            var held = journal.Settle(key)!;
            Assert.Equal(OutcomeKind.Unknown, held.Kind);
            Assert.Equal(FailureReason.OutcomeUnknown, held.Reason);
            Assert.Contains("-RetryUnknown", held.Message, StringComparison.Ordinal);
        }

        Assert.Contains("ended before the answer came", journal.Settle("k5")!.Message, StringComparison.Ordinal);
        Assert.Contains("ended before the answer came", journal.Settle("k4")!.Message, StringComparison.Ordinal); // a cancel is like a crash
        Assert.Contains("answer was lost", journal.Settle("k2")!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RetryUnknown_sends_the_unknown_creates_again_but_never_the_done_ones()
    {
        EarlierRun(Create);
        using var journal = Open(Create, retryUnknown: true);
        Assert.Equal(OutcomeStatuses.AlreadyDone, journal.Settle("k0")!.Status);
        Assert.All(new[] { "k1", "k2", "k3", "k4", "k5" }, key => Assert.Null(journal.Settle(key)));
    }

    [Fact]
    public void A_delete_whose_answer_never_came_is_sent_again_without_RetryUnknown()
    {
        EarlierRun(Delete);
        using var journal = Open(Delete, keyBy: JournalKeys.Id);
        Assert.Equal(OutcomeStatuses.AlreadyDone, journal.Settle("k0")!.Status);
        Assert.All(new[] { "k1", "k2", "k3", "k4", "k5" }, key => Assert.Null(journal.Settle(key)));
    }

    [Fact]
    public void Another_kind_of_key_for_the_same_command_is_refused_but_another_command_is_not_concerned()
    {
        EarlierRun(Create);
        var error = Assert.Throws<JournalException>(() => Open(Create, keyBy: JournalKeys.Property("identifier")));
        Assert.Contains("property:identifier", error.Message, StringComparison.Ordinal);

        using var other = Open(Delete, keyBy: JournalKeys.Id);
        Assert.Null(other.Settle("k0"));
    }

    [Fact]
    public void Sent_entries_are_on_disk_before_the_batch_leaves_and_outcomes_once_the_batch_is_complete()
    {
        using var journal = Open(Create);
        journal.Track(0, "a");
        journal.Track(1, "b");
        journal.Track(2, "c"); // refused locally, never sent: never journaled
        journal.BeforeSend([0, 1]);
        Assert.Equal(2, OnDisk().Count(l => l.Contains("\"event\":\"sent\"", StringComparison.Ordinal)));

        journal.Record(OutcomeFactory.Succeeded(0, OutcomeStatuses.Created, 201, 1, returnedId: 7));
        Assert.DoesNotContain(OnDisk(), l => l.Contains("\"event\":\"outcome\"", StringComparison.Ordinal)); // no fsync per item
        journal.Record(OutcomeFactory.Succeeded(1, OutcomeStatuses.Created, 201, 1, returnedId: 8));
        Assert.Equal(2, OnDisk().Count(l => l.Contains("\"event\":\"outcome\"", StringComparison.Ordinal)));

        journal.Record(OutcomeFactory.Invalid(2, "Surname is required."));
        journal.Flush();
        Assert.DoesNotContain(OnDisk(), l => l.Contains("\"key\":\"c\"", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_item_with_the_key_of_one_this_run_sends_is_refused_naming_the_first()
    {
        using var journal = Open(Create, keyBy: JournalKeys.Property("identifier"));
        Assert.Null(journal.Settle("DUP"));
        journal.Track(0, "DUP");
        Assert.Null(journal.Settle("OTHER"));

        var repeated = journal.Settle("DUP")!;
        Assert.Equal(OutcomeKind.Failed, repeated.Kind);
        Assert.Equal(FailureReason.InvalidInput, repeated.Reason);
        Assert.Contains("InputIndex 0", repeated.Message, StringComparison.Ordinal);
        Assert.Contains("identifier 'DUP'", repeated.Message, StringComparison.Ordinal);

        // Once its request has left, and once it is answered, the first item still counts.
        journal.BeforeSend([0]);
        Assert.Contains("InputIndex 0", journal.Settle("DUP")!.Message, StringComparison.Ordinal);
        journal.Record(OutcomeFactory.Succeeded(0, OutcomeStatuses.Created, 201, 1, returnedId: 5));
        Assert.Contains("InputIndex 0", journal.Settle("DUP")!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_an_earlier_run_sent_is_not_a_repeat_in_this_run()
    {
        EarlierRun(Create);
        using var journal = Open(Create);
        Assert.Null(journal.Settle("k1")); // failed before: sent again, not refused as a repeat
        journal.Track(0, "k1");
        Assert.Equal(FailureReason.InvalidInput, journal.Settle("k1")!.Reason); // but twice in this run is
    }

    [Fact]
    public void An_unknown_outcome_and_then_its_resolution_are_both_recorded_and_the_resolution_is_what_a_rerun_reads()
    {
        using (var journal = Open(Create))
        {
            journal.Track(0, "a");
            journal.BeforeSend([0]);
            journal.Record(OutcomeFactory.WholeRequest(0, OutcomeKind.Unknown, FailureReason.OutcomeUnknown, OutcomeStatuses.Unknown, null, 1, "lost", null));
            journal.Record(OutcomeFactory.Succeeded(0, OutcomeStatuses.Created, 200, 1, returnedId: 9));
            Assert.Equal(2, OnDisk().Count(l => l.Contains("\"event\":\"outcome\"", StringComparison.Ordinal))); // flushed at once
        }

        using var rerun = Open(Create);
        Assert.Equal(OutcomeStatuses.AlreadyDone, rerun.Settle("a")!.Status);
        Assert.Equal(9, rerun.Settle("a")!.ReturnedId);
    }

    [Fact]
    public void An_earlier_runs_unknown_resolved_in_this_run_is_recorded_but_nothing_is_written_for_it_before()
    {
        EarlierRun(Create);
        using (var journal = Open(Create))
        {
            var before = OnDisk().Count;
            journal.TrackUnresolved(0, "k5");
            journal.Record(OutcomeFactory.UnknownEarlier(0, "held")); // as released: the journal's own verdict, not news
            Assert.Equal(before, OnDisk().Count);
            journal.Record(OutcomeFactory.Succeeded(0, OutcomeStatuses.Created, 200, 0, returnedId: 12));
            Assert.Equal(before + 1, OnDisk().Count);
        }

        using var rerun = Open(Create);
        Assert.Equal(12, rerun.Settle("k5")!.ReturnedId);
    }

    // Read as another process would: through a handle of its own.
    private List<string> OnDisk()
    {
        using var stream = new FileStream(Path1, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    [Fact]
    public async Task Against_the_sandbox_the_runner_hook_journals_every_sent_item_and_no_credential_reaches_the_file()
    {
        const string Password = "Zx9!journal-PASS-77";
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Password = Password });
        using var client = new ThuliumClient(EngineSandbox.Settings(sandbox, password: Password));

        // The first batch's answer is lost after the server acted: a create, so Unknown.
        await sandbox.Control.SetFaultsAsync([new FaultRule { Method = "POST", Drop = "after", Times = 1 }]);
        var drafts = Enumerable.Range(0, 4).Select(i => new CustomerDraft { Surname = "S" + i }).ToList();
        var log = new EngineMessageQueue();
        using (var journal = Open(Create))
        using (var runner = new BulkRunner<CustomerDraft>(new CreateCustomersEndpoint(client, log), new BulkOptions { BatchSize = 2, MaxConcurrentRequests = 1 }, log, CancellationToken.None))
        {
            runner.BeforeSend = journal.BeforeSend;
            foreach (var draft in drafts)
            {
                journal.Track(runner.Count, JournalKeys.Default(draft).Key);
                runner.Enqueue(draft);
            }

            foreach (var e in runner.Complete())
            {
                if (e.Outcome is { } outcome)
                {
                    journal.Record(outcome);
                }
            }
        }

        var text = File.ReadAllText(Path1);
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain("api_user", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Basic", text, StringComparison.Ordinal);
        Assert.DoesNotContain(sandbox.ApiUri.Authority, text, StringComparison.Ordinal);

        using var rerun = Open(Create);
        Assert.Equal(OutcomeKind.Unknown, rerun.Settle(JournalKeys.Default(drafts[0]).Key)!.Kind);
        Assert.Equal(OutcomeKind.Unknown, rerun.Settle(JournalKeys.Default(drafts[1]).Key)!.Kind);
        Assert.Equal(OutcomeStatuses.AlreadyDone, rerun.Settle(JournalKeys.Default(drafts[2]).Key)!.Status);
        Assert.Equal(OutcomeStatuses.AlreadyDone, rerun.Settle(JournalKeys.Default(drafts[3]).Key)!.Status);
        Assert.Equal(8, File.ReadAllLines(Path1).Length); // a 'sent' and an outcome entry per item
    }
}
