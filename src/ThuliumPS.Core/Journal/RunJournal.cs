using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Journal;

/// <summary>
/// One command's use of a journal: decides, from what earlier runs recorded, whether an item is sent at all; writes
/// a 'sent' entry for each item of a batch before the batch leaves (flushed to disk first), and an outcome entry for
/// each answer (flushed once every item of its batch has one). Knows nothing of PowerShell or of the runner: the
/// caller wires <see cref="BeforeSend"/> to the runner's hook and hands every outcome to <see cref="Record"/>.
/// </summary>
/// <remarks>
/// <para>What a re-run does with an item, by the last entry of its key:</para>
/// <list type="bullet">
/// <item>none, or a Failed outcome: sent (again).</item>
/// <item>a Succeeded outcome: not sent; Succeeded with Status AlreadyDone and the ids recorded then.</item>
/// <item>'sent' with no outcome after it (the run died or was stopped while the request was out), an Unknown
/// outcome, or a create's MissingFromResponse: the server may have acted. A create stays Unknown and is not sent,
/// unless <c>retryUnknown</c>; a delete is sent again, since deleting twice does no harm.</item>
/// </list>
/// <para>One item per key in a run: a second item with the key of one this run sends is refused (its failure would
/// otherwise be the key's last entry and hide the first one's success from a re-run).</para>
/// <para>Only items that were sent are journaled. Items refused locally, rehearsed, declined, held back after a
/// failure, or settled from the journal itself write nothing: nothing happened at the server, and a re-run should
/// simply try them again. A cancelled item (Ctrl+C) keeps its 'sent' entry as its last: like a crash, its request
/// may have reached the server.</para>
/// <para>Driven from one thread, like the runner.</para>
/// </remarks>
public sealed class RunJournal : IDisposable
{
    private readonly JournalFile file;
    private readonly string command;
    private readonly string keyBy;
    private readonly bool idempotent;
    private readonly bool retryUnknown;
    private readonly string returnedIdName;
    private readonly string run = Guid.NewGuid().ToString("N");

    // Keys of the items handed to the runner, by input index, until their outcome is recorded.
    private readonly Dictionary<int, string> keys = new();

    // The batch each sent item belongs to: its outcomes are flushed together, once the last of them is appended.
    private readonly Dictionary<int, SentBatch> batchOf = new();

    // Keys handed to the runner whose request has not left yet (a batch's worth, and items held back), with their
    // input index. With the entries this run has appended, they tell a second item with a key this run sends: the
    // journal keeps one outcome per key, so it is refused (a later failure of it would hide the first one's success).
    private readonly Dictionary<string, int> notYetSent = new(StringComparer.Ordinal);

    // Items whose outcome is Unknown and may still be resolved (-ResolveUnknown): their keys stay until it is.
    private readonly HashSet<int> unresolved = new();

    /// <summary>Starts a command's use of <paramref name="file"/>.</summary>
    /// <param name="file">The open journal; this object owns it from now on and closes it.</param>
    /// <param name="command">The command's name (New-ThuliumCustomer …): entries of other commands are another matter.</param>
    /// <param name="keyBy">The kind of key this run uses (<see cref="JournalKeys"/>).</param>
    /// <param name="idempotent">True for deletes: an item whose answer was lost is sent again.</param>
    /// <param name="retryUnknown">Send items whose earlier answer was lost anyway (-RetryUnknown).</param>
    /// <param name="returnedIdName">The name under which the id the server gives is recorded (customer_id …).</param>
    /// <exception cref="JournalException">The journal keys this command's items by another kind of key (the file is then closed).</exception>
    public RunJournal(JournalFile file, string command, string keyBy, bool idempotent, bool retryUnknown, string returnedIdName)
    {
        this.file = file ?? throw new ArgumentNullException(nameof(file));
        this.command = command ?? throw new ArgumentNullException(nameof(command));
        this.keyBy = keyBy ?? throw new ArgumentNullException(nameof(keyBy));
        this.idempotent = idempotent;
        this.retryUnknown = retryUnknown;
        this.returnedIdName = returnedIdName ?? throw new ArgumentNullException(nameof(returnedIdName));

        // Keys of two kinds never match, so every item would look new and be sent again: refuse instead.
        var other = file.State.KeyKinds(command).Where(k => !string.Equals(k, keyBy, StringComparison.Ordinal)).ToList();
        if (other.Count > 0)
        {
            // The journal was handed over to this object: release it (and its lock) before refusing.
            file.Dispose();
            throw new JournalException(string.Format(
                CultureInfo.InvariantCulture,
                "The journal '{0}' keys {1} items by '{2}', but this run keys them by '{3}'. Keys of different kinds never match, so every item would be sent again: use the same -KeyProperty as before (or none), or another journal.",
                file.Path,
                command,
                string.Join("', '", other),
                keyBy));
        }
    }

    /// <summary>The journal's full path.</summary>
    public string Path => file.Path;

    /// <summary>
    /// What the journal says about <paramref name="key"/>: null when the item is to be sent, otherwise its outcome
    /// (already done, or unknown and held back), which the caller settles without a request.
    /// </summary>
    public ItemOutcome? Settle(string key)
    {
        if (key is null) throw new ArgumentNullException(nameof(key));
        if (FirstInThisRun(key) is { } first)
        {
            return OutcomeFactory.Invalid(
                0,
                string.Format(
                    CultureInfo.InvariantCulture,
                    "Not sent: the item with InputIndex {0} has the same journal key ({1}) and is sent by this run. The journal '{2}' keeps one outcome per key, so a re-run could not tell the two apart: remove the repeated row, or key the rows by a column that tells them apart (-KeyProperty).",
                    first,
                    DescribeKey(key),
                    file.Path));
        }

        var entry = file.State.Last(command, key);
        if (entry is null)
        {
            return null;
        }

        var when = entry.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (entry.Event == JournalEvents.Outcome && entry.Outcome == nameof(OutcomeKind.Succeeded))
        {
            var ids = entry.Ids is { Count: > 0 } ? ", " + string.Join(", ", entry.Ids.Select(i => i.Key + " " + i.Value.ToString(CultureInfo.InvariantCulture))) : string.Empty;
            return OutcomeFactory.AlreadyDone(
                0,
                entry.Ids?.Values.Cast<long?>().FirstOrDefault(),
                string.Format(CultureInfo.InvariantCulture, "Not sent again: the journal '{0}' records it as done on {1} (Status {2}{3}).", file.Path, when, entry.Status, ids));
        }

        if (!MayHaveActed(entry) || idempotent || retryUnknown)
        {
            return null;
        }

        var why = entry.Event == JournalEvents.Sent
            ? "an earlier run sent it on {1} and ended before the answer came (stopped, killed or crashed)"
            : "an earlier run sent it on {1} and its answer was lost ({2})";
        return OutcomeFactory.UnknownEarlier(
            0,
            string.Format(
                CultureInfo.InvariantCulture,
                "Not sent: the journal '{0}' says " + why + ", so it may already exist in Thulium. Check; then run again with -RetryUnknown to send it anyway.",
                file.Path,
                when,
                entry.Status));
    }

    /// <summary>
    /// Notes the key of an item the journal left Unknown, which the caller will resolve as <paramref name="index"/>
    /// (-ResolveUnknown): its resolution is recorded.
    /// </summary>
    public void TrackUnresolved(int index, string key)
    {
        Track(index, key);
        unresolved.Add(index);
    }

    /// <summary>Notes the key of the item the runner is about to take as <paramref name="index"/>, to be sent.</summary>
    public void Track(int index, string key)
    {
        keys[index] = key ?? throw new ArgumentNullException(nameof(key));
        if (!notYetSent.ContainsKey(key))
        {
            notYetSent.Add(key, index);
        }
    }

    /// <summary>The input index of the item with <paramref name="key"/> this run already handed on, or null.</summary>
    private int? FirstInThisRun(string key) =>
        notYetSent.TryGetValue(key, out var index) ? index
        : file.State.Last(command, key) is { Run: { } entryRun } entry && entryRun == run ? entry.InputIndex
        : null;

    /// <summary>
    /// The runner's hook, before a batch leaves: a 'sent' entry per item, flushed to disk, so that a crash from now
    /// on leaves each item marked as possibly done. One fsync per request, never per item.
    /// </summary>
    public void BeforeSend(IReadOnlyList<int> indexes)
    {
        if (indexes is null) throw new ArgumentNullException(nameof(indexes));
        var batch = new SentBatch();
        foreach (var index in indexes)
        {
            if (!keys.TryGetValue(index, out var key))
            {
                continue;
            }

            file.Append(Entry(index, key, JournalEvents.Sent));
            notYetSent.Remove(key); // from now on the state's entry of this run tells it
            batchOf[index] = batch;
            batch.Waiting++;
        }

        file.Flush();
    }

    /// <summary>
    /// Records an item's outcome: call for every outcome as the runner releases it, in any order (those of items not
    /// tracked are ignored), and again with the resolution of an Unknown one (-ResolveUnknown). The journal is flushed
    /// when the last item of a batch has its outcome recorded, and at once for a resolution.
    /// </summary>
    public void Record(ItemOutcome outcome)
    {
        if (outcome is null) throw new ArgumentNullException(nameof(outcome));
        var index = outcome.InputIndex;
        if (!keys.TryGetValue(index, out var key))
        {
            return;
        }

        var answered = outcome.Reason != FailureReason.Cancelled && outcome.Kind != OutcomeKind.NotSent;
        if (batchOf.TryGetValue(index, out var batch))
        {
            // The answer to this run's request (or its loss). A cancelled or held-back item writes nothing: its
            // 'sent' entry stays its last, like a crash's.
            batchOf.Remove(index);
            if (answered)
            {
                file.Append(OutcomeEntry(index, key, outcome));
                if (outcome.Kind == OutcomeKind.Unknown)
                {
                    unresolved.Add(index);
                }
            }

            if (--batch.Waiting == 0)
            {
                file.Flush();
            }
        }
        else if (unresolved.Contains(index) && answered && outcome.Kind != OutcomeKind.Unknown)
        {
            // An Unknown resolved by looking it up on the server (or by sending it once more).
            unresolved.Remove(index);
            file.Append(OutcomeEntry(index, key, outcome));
            file.Flush();
        }

        if (!unresolved.Contains(index))
        {
            keys.Remove(index);
        }
    }

    /// <summary>Puts whatever is appended on disk.</summary>
    public void Flush() => file.Flush();

    /// <summary>Flushes and closes the journal.</summary>
    public void Dispose() => file.Dispose();

    /// <summary>True when the server may have acted on the item although no success was recorded.</summary>
    private bool MayHaveActed(JournalEntry entry) =>
        entry.Event == JournalEvents.Sent
        || entry.Outcome == nameof(OutcomeKind.Unknown)
        // The engine calls an item the answer left out Failed, but its message says it: it may have been processed.
        || (!idempotent && entry.Reason == nameof(FailureReason.MissingFromResponse));

    private JournalEntry OutcomeEntry(int index, string key, ItemOutcome outcome)
    {
        var entry = Entry(index, key, JournalEvents.Outcome);
        entry.Outcome = outcome.Kind.ToString();
        entry.Status = outcome.Status;
        entry.Reason = outcome.Reason == FailureReason.None ? null : outcome.Reason.ToString();
        entry.HttpStatus = outcome.HttpStatus;
        entry.RequestId = outcome.RequestId;
        entry.Ids = outcome.ReturnedId is { } id ? new Dictionary<string, long> { [returnedIdName] = id } : null;
        entry.Message = outcome.Succeeded ? null : outcome.Message;
        return entry;
    }

    /// <summary>A key as a message shows it: a hash says what it is, any other key is quoted.</summary>
    private string DescribeKey(string key) =>
        keyBy == JournalKeys.Hash ? "the same values to send"
        : keyBy.StartsWith(PropertyPrefix, StringComparison.Ordinal) ? keyBy.Substring(PropertyPrefix.Length) + " '" + key + "'"
        : "id '" + key + "'";

    private static readonly string PropertyPrefix = JournalKeys.Property(string.Empty);

    private JournalEntry Entry(int index, string key, string kind) => new()
    {
        Time = DateTimeOffset.UtcNow,
        Command = command,
        KeyBy = keyBy,
        Key = key,
        Event = kind,
        Run = run,
        InputIndex = index,
    };

    private sealed class SentBatch
    {
        public int Waiting;
    }
}
