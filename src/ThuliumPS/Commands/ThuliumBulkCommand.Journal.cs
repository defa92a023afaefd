using System;
using System.Collections.Generic;
using System.Management.Automation;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Input;
using ThuliumPS.Core.Journal;
using ThuliumPS.Core.Outcomes;
using ThuliumPS.Errors;
using ThuliumPS.Results;

namespace ThuliumPS.Commands;

/// <summary>
/// The journal's wiring (-JournalPath, -KeyProperty, -RetryUnknown): Core's <see cref="RunJournal"/> decides and
/// writes; this part only opens it, finds each item's key, settles what the journal says is settled, and connects the
/// runner's hook. Kept apart from the command's main file so the two can change independently.
/// </summary>
public abstract partial class ThuliumBulkCommand<TItem, TResult>
{
    private RunJournal? journal;

    /// <summary>True for commands whose requests may be sent twice without harm (deletes): a lost answer is resent.</summary>
    private protected virtual bool ResendsSafely => false;

    /// <summary>The name the journal records the server's id under, after the result's own property.</summary>
    private static string ReturnedIdName =>
        typeof(TResult) == typeof(CustomerCreationResult) ? "customer_id"
        : typeof(TResult) == typeof(CrmRecordRemovalResult) ? "record_id"
        : typeof(TResult) == typeof(FieldGroupItemCreationResult) ? "item_id"
        : "id";

    /// <summary>
    /// Opens the journal when -JournalPath is given (read only under -WhatIf: a rehearsal writes nothing) and hooks
    /// it to the runner, so each batch's 'sent' entries are on disk before its request leaves.
    /// </summary>
    private void OpenJournal(Core.Bulk.BulkRunner<TItem> bulkRunner)
    {
        if (JournalPath is null)
        {
            if (KeyProperty is not null || RetryUnknown.IsPresent)
            {
                var misuse = new ArgumentException("-KeyProperty and -RetryUnknown only work with -JournalPath: they say how to read the journal.");
                ThrowTerminatingError(ErrorRecords.Terminating(misuse, ErrorIds.JournalUnavailable, ErrorCategory.InvalidArgument));
            }

            return;
        }

        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(JournalPath);
        var keyBy = KeyProperty is null ? DefaultKeyKind : JournalKeys.Property(KeyProperty);
        JournalFile? file = null;
        try
        {
            file = WhatIfRequested ? JournalFile.OpenForReading(path, EngineLog) : JournalFile.OpenForWriting(path, EngineLog);
            // -ResolveUnknown checks before it resends, so it wins over -RetryUnknown's blind resend.
            journal = new RunJournal(file, MyInvocation.MyCommand.Name, keyBy, ResendsSafely, RetryUnknown.IsPresent && !ResolvesUnknown, ReturnedIdName);
        }
        catch (JournalException error)
        {
            file?.Dispose();
            ThrowTerminatingError(ErrorRecords.Terminating(error, ErrorIds.JournalUnavailable, ErrorCategory.OpenError, path));
        }

        WriteVerbose($"Journal '{path}': {Plural.Count(file!.State.Entries, "entry", "entries")} read, items keyed by '{keyBy}'.");
        bulkRunner.BeforeSend = indexes => Journaled(() => journal!.BeforeSend(indexes));
        bulkRunner.Released = outcome => Journaled(() => journal!.Record(outcome));
    }

    /// <summary>True when an Unknown outcome is checked on the server before it is written (New-ThuliumCustomer -ResolveUnknown).</summary>
    private protected virtual bool ResolvesUnknown => false;

    /// <summary>An item's journal key without -KeyProperty: its id (deletes) or the hash of what it sends (creates).</summary>
    private protected virtual string DefaultJournalKey(TItem item) => JournalKeys.Default(item!).Key;

    /// <summary>The key kind of this command's items without -KeyProperty: deletes by their id, creates by hash.</summary>
    private string DefaultKeyKind => ResendsSafely ? JournalKeys.Id : JournalKeys.Hash;

    /// <summary>
    /// With a journal: finds the item's key and settles the item when the journal says it is done, or was sent before
    /// with its answer lost (see <see cref="RunJournal.Settle"/>); such an item gets its result and no request.
    /// An item without a value for -KeyProperty is refused. Returns true when the item is settled.
    /// </summary>
    private bool JournalSettles(object? input, InputResult<TItem> item, TResult result, out string? key)
    {
        key = null;
        if (journal is null)
        {
            return false;
        }

        ItemOutcome? settled;
        if (KeyProperty is not null)
        {
            if (!JournalKeys.TryFromColumn(ItemOf(input), KeyProperty, out var found, out var error))
            {
                settled = OutcomeFactory.Invalid(0, item.IsValid ? error : item.Error + " " + error);
                return SettleFromJournal(result, item, settled);
            }

            key = found;
        }
        else if (item.IsValid)
        {
            key = DefaultJournalKey(item.Value!);
        }
        else
        {
            return false; // no key without a valid item: refused as usual, and never journaled
        }

        settled = journal.Settle(key);
        if (settled is null || (!item.IsValid && settled.Kind == OutcomeKind.Failed))
        {
            return false; // to be sent; or a repeated key of an item refused anyway, for its own reason
        }

        if (settled.Kind == OutcomeKind.Unknown && ResolvesUnknown && item.IsValid && !WhatIfRequested)
        {
            // Left Unknown by an earlier run: -ResolveUnknown looks it up, and sends it again when it is not found,
            // so it is asked about like any item that may be sent; its resolution goes to the journal.
            if (!Approved(Describe(item.Value!), out var notSent))
            {
                settled = notSent!;
            }
            else
            {
                journal.TrackUnresolved(Runner.Count, key);
            }
        }

        return SettleFromJournal(result, item, settled);
    }

    private bool SettleFromJournal(TResult result, InputResult<TItem> item, ItemOutcome outcome)
    {
        if (item.TryGetKnown(out var known))
        {
            FillItem(result, known);
        }

        Settle(result, outcome);
        return true;
    }

    /// <summary>Notes the key of the item about to be handed to the runner (it takes the runner's next index).</summary>
    private void JournalTrack(string? key)
    {
        if (journal is not null && key is not null)
        {
            journal.Track(Runner.Count, key);
        }
    }

    /// <summary>Hands the resolution of an Unknown outcome to the journal (the runner's hook recorded the Unknown).</summary>
    private void JournalRecordResolution(ItemOutcome resolved)
    {
        if (journal is not null)
        {
            Journaled(() => journal.Record(resolved));
        }
    }

    /// <summary>
    /// Records the answers the runner got but never released — the pipeline was stopped downstream while an earlier
    /// item was out — then flushes and closes the journal. Called after the runner is disposed.
    /// </summary>
    private void CloseJournal(Core.Bulk.BulkRunner<TItem>? stoppedRunner)
    {
        var open = journal;
        journal = null;
        try
        {
            if (open is not null && stoppedRunner is not null)
            {
                foreach (var outcome in stoppedRunner.TakeUnreleased())
                {
                    open.Record(outcome);
                }
            }

            open?.Dispose();
        }
        catch (JournalException)
        {
            // Each batch was flushed when its last outcome was recorded; Dispose has no one left to tell.
        }
    }

    /// <summary>A journal write that fails stops the command: without its journal a re-run could send items twice.</summary>
    private void Journaled(Action write)
    {
        try
        {
            write();
        }
        catch (JournalException error)
        {
            // The run's summary first, as for every other terminating error: the results written so far stand.
            EndRun();
            ThrowTerminatingError(ErrorRecords.Terminating(error, ErrorIds.JournalUnavailable, ErrorCategory.WriteError, journal?.Path));
        }
    }
}
