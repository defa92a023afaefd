using System;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using ThuliumPS.Connection;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Connection;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Input;
using ThuliumPS.Core.Outcomes;
using ThuliumPS.Errors;
using ThuliumPS.Results;

namespace ThuliumPS.Commands;

/// <summary>
/// The shared anatomy of the five bulk cmdlets: each input item is mapped by Core, asked about with ShouldProcess,
/// and handed — with its result object — to Core's <see cref="BulkRunner{TItem}"/>, which hands the result back
/// with the item's outcome, on the pipeline thread, in input order: one typed result per item (plus an ErrorRecord
/// when it failed). The runner's input index is the only counter. A derived cmdlet only says how to read its input,
/// which endpoint to use, and how to fill its result type.
/// </summary>
/// <typeparam name="TItem">The validated request item.</typeparam>
/// <typeparam name="TResult">The public result type.</typeparam>
public abstract partial class ThuliumBulkCommand<TItem, TResult> : ThuliumBulkCommandBase, IDisposable
    where TResult : ThuliumItemResult, new()
{
    private readonly CancellationTokenSource stopping = new();
    private readonly EngineMessageQueue log = new();

    private readonly RowReader rows = new();
    private BulkRunner<TItem>? runner;
    private ErrorRecord? stopError;
    private bool stoppingFailureSeen;
    private ThuliumConnection? connection;

    // True only for a connection this command made from THULIUM_* variables: nobody else can hold it, so the
    // command closes it. A connection from -Connection or the default is never closed here: its user may still hold it.
    private bool ownsConnection;

    /// <summary>Where Core reports (warnings of the input mapper, the engine's verbose lines); drained on the pipeline thread.</summary>
    private protected EngineMessageQueue EngineLog => log;

    /// <summary>One piped object as Core reads it (each distinct header resolved once per command).</summary>
    private protected InputItem ItemOf(object? input) => PSInput.Item(input, rows, plainCustomObjects);

    // False when the session has type data for PSCustomObject (Update-TypeData): then its rows may have members
    // that only PSObject.Properties shows, so every row takes that slower path.
    private bool plainCustomObjects;

    /// <summary>Items per request; null for endpoints without a batch form.</summary>
    private protected virtual int? RequestedBatchSize => null;

    /// <summary>The ShouldProcess action, e.g. "Create" or "Remove".</summary>
    private protected abstract string Action { get; }

    /// <summary>The endpoint to send items to.</summary>
    private protected abstract IBatchEndpoint<TItem> CreateEndpoint(ThuliumClient client, EngineMessageQueue engineLog);

    /// <summary>The ShouldProcess target, e.g. "Customer 13".</summary>
    private protected abstract string Describe(TItem item);

    /// <summary>Fills the result's type-specific fields from a valid item (the ids it names).</summary>
    private protected abstract void FillItem(TResult result, TItem item);

    /// <summary>
    /// A last word on an item's outcome before it is written (New-ThuliumCustomer -ResolveUnknown checks an Unknown
    /// create on the server); by default the outcome as it is.
    /// </summary>
    private protected virtual ItemOutcome Resolve(TResult result, ItemOutcome outcome) => outcome;

    /// <summary>The endpoint the items went to, and its client; null until the first item was sent.</summary>
    private protected (IBatchEndpoint<TItem> Endpoint, ThuliumClient Client)? Sending { get; private set; }

    /// <summary>The endpoint and its client, connecting now if no item was sent yet (a check of an earlier run's item).</summary>
    private protected (IBatchEndpoint<TItem> Endpoint, ThuliumClient Client) SendingOrConnect()
    {
        Endpoint();
        return Sending!.Value;
    }

    /// <summary>Cancelled by Ctrl+C.</summary>
    private protected CancellationToken Cancellation => stopping.Token;

    /// <summary>Fills what the server returned (e.g. the created customer's id).</summary>
    private protected virtual void FillOutcome(TResult result, ItemOutcome outcome)
    {
    }

    /// <summary>Cancels the in-flight requests (Ctrl+C).</summary>
    protected override void StopProcessing() => stopping.Cancel();

    /// <summary>
    /// Creates the runner. Its endpoint — and so the connection — is made only when the first item is to be sent,
    /// so a rehearsal, or a run whose items are all declined or invalid, needs no connection.
    /// </summary>
    protected override void BeginProcessing()
    {
        plainCustomObjects = NoteProperties.Available && !HasCustomObjectTypeData();
        stopsAtFirstFailure = ReadStopsAtFirstFailure();
        var options = new BulkOptions { MaxConcurrentRequests = ThrottleLimit, StopAtFirstFailure = stopsAtFirstFailure };
        if (RequestedBatchSize is { } size)
        {
            options.BatchSize = size;
        }

        runner = new BulkRunner<TItem>(Endpoint, options, log, stopping.Token);

        // -JournalPath (ThuliumBulkCommand.Journal.cs): opened before the run starts, so a journal that cannot be
        // used stops the command before anything is counted or shown.
        OpenJournal(runner);
        StartRun();
    }

    /// <summary>True when the session has type data (ETS members) for PSCustomObject or System.Object.</summary>
    private bool HasCustomObjectTypeData()
    {
        var found = InvokeCommand.InvokeScript("Get-TypeData -TypeName System.Management.Automation.PSCustomObject, System.Object");
        return found.Count > 0;
    }

    /// <summary>
    /// Reads this record's input items (a piped object, or every item of an array given by parameter) and hands
    /// each to <see cref="Submit"/>.
    /// </summary>
    private protected abstract void ProcessInput();

    /// <summary>
    /// Handles the record's items; a stop that one of them brought (a 401/403, or a failure under -ErrorAction
    /// Stop) ends the command only after the record: the rest of an array given by parameter then gets NotSent
    /// results instead of none, and every result is written before the error.
    /// </summary>
    protected sealed override void ProcessRecord()
    {
        ProcessInput();
        if (authenticationStop is not null)
        {
            WriteRemaining(); // throws the 401/403's terminating error after the results
        }
        else if (stopError is not null || Runner.StoppedAtFailure)
        {
            StopAtFailure();
        }
    }

    /// <summary>Writes what is still coming, in order.</summary>
    protected override void EndProcessing()
    {
        if (runner is null)
        {
            return;
        }

        try
        {
            // Every event is written, also after a failure under -ErrorAction Stop: the runner sends nothing once
            // the failure is known, and the outcomes it releases must all reach the output (breaking out here
            // lost the rest of the batch the failure came back in).
            WriteRemaining();
            if (stopError is not null)
            {
                StopAtFailure();
            }

            EndRun();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Ctrl+C: PowerShell is already stopping the pipeline.
        }
    }

    /// <summary>Releases the runner and a connection made from the environment.</summary>
    public void Dispose()
    {
        runner?.Dispose();
        CloseJournal(runner);
        if (ownsConnection)
        {
            connection?.Client.Dispose();
        }

        stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Handles one input item: refused locally, rehearsed (-WhatIf), declined, or queued for sending.</summary>
    private protected void Submit(object? input, InputResult<TItem> item)
    {
        var result = new TResult { InputObject = input };

        // The command is stopping once this record ends: the item is neither asked about nor sent.
        if (PendingStop() is { } stopped)
        {
            if (item.TryGetKnown(out var known))
            {
                FillItem(result, known);
            }

            Settle(result, stopped);
            return;
        }

        // -JournalPath: an item the journal settles (done before, or sent before and its answer lost) gets its
        // result here, without a request (ThuliumBulkCommand.Journal.cs).
        if (JournalSettles(input, item, result, out var journalKey))
        {
            return;
        }

        if (!item.IsValid)
        {
            // Reported even under -WhatIf: a rehearsal should show the rows that would fail.
            if (item.TryGetKnown(out var partial))
            {
                FillItem(result, partial);
            }

            Settle(result, OutcomeFactory.Invalid(0, item.Error!));
            return;
        }

        FillItem(result, item.Value!);
        if (!Approved(Describe(item.Value!), out var notSent))
        {
            Settle(result, notSent!);
            return;
        }

        try
        {
            JournalTrack(journalKey);
            Runner.Enqueue(item.Value!, result);
        }
        catch (ThuliumAuthenticationException error)
        {
            // A 401/403 stopped the run (this item has its NotSent outcome); the command ends after this record.
            authenticationStop = error;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }

        DrainReady();
    }

    /// <summary>
    /// Asks ShouldProcess about one item. When the answer is no, <paramref name="notSent"/> says why: only rehearsed
    /// (-WhatIf) or declined at the prompt — that item still gets its result, which says nothing was sent.
    /// </summary>
    private bool Approved(string target, out ItemOutcome? notSent)
    {
        notSent = null;
        if (SkipsConfirmation)
        {
            return true;
        }

        // PowerShell's own wording for a ShouldProcess target. It runs once per item, so the part before the target is
        // made once per command and the rest is one three-part concatenation (no params array).
        var description = string.Concat(shouldProcessPrefix ??= "Performing the operation \"" + Action + "\" on target \"", target, "\".");
        if (ShouldProcess(description, description, ConfirmCaption, out var reason))
        {
            return true;
        }

        // The index is the runner's to give (EnqueueSettled).
        notSent = reason == ShouldProcessReason.WhatIf
            ? OutcomeFactory.NotSent(0, OutcomeStatuses.WhatIf, "Not sent: -WhatIf only rehearses the command.")
            : OutcomeFactory.NotSent(0, OutcomeStatuses.Declined, "Not sent: the confirmation prompt was answered No.");
        return false;
    }

    private const string ConfirmCaption = "Confirm";

    private string? shouldProcessPrefix;

    /// <summary>True when an item needs no ShouldProcess at all (-Force on the Remove cmdlets, see there).</summary>
    private protected virtual bool SkipsConfirmation => false;

    /// <summary>
    /// True when this command only rehearses. An explicit -WhatIf (or -WhatIf:$false) decides; otherwise
    /// $WhatIfPreference does, as PowerShell's own ShouldProcess does.
    /// </summary>
    private protected bool WhatIfRequested =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
            ? LanguagePrimitives.IsTrue(whatIf)
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <summary>True when -Confirm (not -Confirm:$false) was given: the user asked to be asked, whatever else.</summary>
    private protected bool ConfirmRequested =>
        MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) && LanguagePrimitives.IsTrue(confirm);

    /// <summary>
    /// True when the command stops at its first failure: -ErrorAction Stop, or $ErrorActionPreference = 'Stop'
    /// without an -ErrorAction. Then no request is sent once a failure is known, and every item already sent gets its
    /// result before the failure's error stops the command. Read once, in BeginProcessing, so the runner (which holds
    /// batches back) and the writing of errors follow the same decision.
    /// </summary>
    private bool stopsAtFirstFailure;

    private bool ReadStopsAtFirstFailure() =>
        string.Equals(
            Convert.ToString(
                MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var action) ? action : GetVariableValue("ErrorActionPreference"),
                CultureInfo.InvariantCulture),
            nameof(ActionPreference.Stop),
            StringComparison.OrdinalIgnoreCase);

    /// <summary>The runner, made in BeginProcessing.</summary>
    private BulkRunner<TItem> Runner => runner ?? throw new InvalidOperationException("BeginProcessing has not run.");

    /// <summary>An item settled without sending: its result takes its place among the items in flight.</summary>
    private void Settle(TResult result, ItemOutcome outcome)
    {
        Runner.EnqueueSettled(outcome, result);
        DrainReady();
    }

    private void DrainReady()
    {
        foreach (var e in Runner.TakeReady())
        {
            Write(e);
        }
    }

    // The 401/403 that stopped the run, once Enqueue has thrown it; the command ends after the current record.
    private ThuliumAuthenticationException? authenticationStop;

    /// <summary>Why an item is not sent at all because the command is stopping, or null while it is not.</summary>
    private ItemOutcome? PendingStop() =>
        authenticationStop is { } refused ? OutcomeFactory.StoppedAtAuthenticationFailure(0, refused.StatusCode)
        : stopsAtFirstFailure && Runner.FirstFailure is { } failed ? OutcomeFactory.StoppedAtFailure(0, failed)
        : null;

    /// <summary>
    /// -ErrorAction Stop, once a failure is known: nothing more is sent (the runner holds it back), every item
    /// already sent is waited for and gets its result, and only then does the first failure's error stop the command.
    /// </summary>
    private void StopAtFailure()
    {
        WriteRemaining();

        if (stopError is { } error)
        {
            stopError = null;
            EndRun();
            WriteError(error); // throws under -ErrorAction Stop
            ThrowTerminatingError(error); // in case the preference changed in between: the command must not go on
        }
    }

    private void Write(RunnerEvent e)
    {
        if (e.Message is { } message)
        {
            WriteMessage(message);
            return;
        }

        Write((TResult)e.State!, e.Outcome!);
    }

    private void WriteMessage(EngineMessage message)
    {
        switch (message.Level)
        {
            case EngineMessageLevel.Warning: WriteWarning(message.Text); break;
            case EngineMessageLevel.Debug: WriteDebug(message.Text); break;
            default: WriteVerbose(message.Text); break;
        }
    }

    private void Write(TResult result, ItemOutcome outcome)
    {
        var resolved = Resolve(result, outcome);
        if (!ReferenceEquals(resolved, outcome))
        {
            JournalRecordResolution(resolved);
            outcome = resolved;
        }

        result.InputIndex = outcome.InputIndex;
        result.Outcome = outcome.Kind switch
        {
            OutcomeKind.Succeeded => ThuliumOutcome.Succeeded,
            OutcomeKind.Unknown => ThuliumOutcome.Unknown,
            OutcomeKind.NotSent => ThuliumOutcome.NotSent,
            _ => ThuliumOutcome.Failed,
        };
        result.Status = outcome.Status;
        result.HttpStatus = outcome.HttpStatus;
        result.Message = outcome.Message;
        result.Attempts = outcome.Attempts;
        result.RequestId = outcome.RequestId;
        FillOutcome(result, outcome);
        WriteObject(result);
        Count(outcome);
        // A request refused for its credentials or permission (401/403) is told once, by the command's terminating
        // error; its items' results say it too, without an error each.
        if (outcome.Kind is OutcomeKind.Succeeded or OutcomeKind.NotSent || stoppingFailureSeen
            || (outcome.WholeRequest && outcome.Reason is FailureReason.Unauthorized or FailureReason.Forbidden))
        {
            return;
        }

        var error = ErrorRecords.ForItem(outcome, result.InputObject, result.Label);
        if (stopsAtFirstFailure)
        {
            // Written last, once every item already sent has its result (StopAtFailure); later failures among
            // those items are told by their results only, as the first error ends the command.
            stopError = error;
            stoppingFailureSeen = true;
            return;
        }

        WriteError(error);
    }

    /// <summary>The endpoint, over the connection (and any per-command retry settings); called once, by the runner.</summary>
    private IBatchEndpoint<TItem> Endpoint()
    {
        if (Sending is { } made)
        {
            return made.Endpoint; // made earlier by SendingOrConnect
        }

        connection = ResolveConnection();
        var client = connection.Client;
        if (MaximumRetryCount is not null || RetryIntervalSec is not null || MaximumRetryWaitSec is not null)
        {
            // Per-command retry settings: another policy over the connection's own HTTP client, so nothing new is
            // opened, and nothing needs closing afterwards.
            var settings = client.Settings;
            client = client.WithRetryPolicy(
                MaximumRetryCount ?? settings.MaximumRetryCount,
                RetryIntervalSec is { } seconds ? TimeSpan.FromSeconds(seconds) : settings.RetryInterval,
                MaximumRetryWaitSec is { } cap ? TimeSpan.FromSeconds(cap) : settings.MaximumRetryWait);
        }

        var endpoint = CreateEndpoint(client, log);
        Sending = (endpoint, client);
        return endpoint;
    }

    private ThuliumConnection ResolveConnection()
    {
        var resolved = ConnectionResolver.TryResolve(Connection, () => ConnectThuliumCommand.UserAgentFragment(this), out ownsConnection, out var error);
        if (resolved is null)
        {
            ThrowTerminatingError(error!);
        }

        return resolved!;
    }

    /// <summary>
    /// Waits for every request still out and writes every remaining result, in order. A 401/403 during the run ends
    /// the command here, after those results (the items it kept from being sent among them): no further requests,
    /// and one terminating error with the ErrorId of the refusal, whatever -ErrorAction says.
    /// </summary>
    private void WriteRemaining()
    {
        try
        {
            foreach (var e in Runner.Complete())
            {
                Write(e);
            }
        }
        catch (ThuliumAuthenticationException error)
        {
            EndRun();
            ThrowTerminatingError(ErrorRecords.ForAuthentication(error, target: null));
        }
    }

    /// <summary>Formats an id for ShouldProcess targets.</summary>
    private protected static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
