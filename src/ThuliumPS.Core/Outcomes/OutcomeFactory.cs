using System;
using System.Globalization;

namespace ThuliumPS.Core.Outcomes;

/// <summary>
/// The one place an <see cref="ItemOutcome"/> is made, one method per kind of verdict: answered by the server
/// (succeeded, failed, failed with the whole request, missing from the answer), or settled without an answer of
/// the item's own (refused locally, not sent on purpose, cancelled, refused by authentication, crashed, a copy for
/// a repeated item).
/// </summary>
public static class OutcomeFactory
{
    /// <summary>The server did what was asked.</summary>
    public static ItemOutcome Succeeded(int index, string status, int? httpStatus, int attempts, long? returnedId = null, string? message = null) =>
        new(index, OutcomeKind.Succeeded, status)
        {
            HttpStatus = httpStatus,
            ReturnedId = returnedId,
            Message = message,
            Attempts = attempts,
        };

    /// <summary>The server refused this item (its own answer in a batch answer).</summary>
    public static ItemOutcome Failed(int index, FailureReason reason, string status, int? httpStatus, int attempts, string? message, long? returnedId = null) =>
        new(index, OutcomeKind.Failed, status, reason)
        {
            HttpStatus = httpStatus,
            Message = message,
            ReturnedId = returnedId,
            Attempts = attempts,
        };

    /// <summary>The verdict on a request as a whole (no answer, or an error instead of per-item answers), shared by each of its items.</summary>
    public static ItemOutcome WholeRequest(int index, OutcomeKind kind, FailureReason reason, string status, int? httpStatus, int attempts, string message, string? requestId) =>
        new(index, kind, status, reason)
        {
            HttpStatus = httpStatus,
            Message = message,
            RequestId = requestId,
            Attempts = attempts,
            WholeRequest = true,
        };

    /// <summary>An item the server's answer did not mention: whether it was processed is not known.</summary>
    public static ItemOutcome Missing(int index, string key, int? httpStatus, int attempts) =>
        Failed(
            index,
            FailureReason.MissingFromResponse,
            OutcomeStatuses.MissingFromResponse,
            httpStatus,
            attempts,
            string.Format(
                CultureInfo.InvariantCulture,
                "The server's answer (HTTP {0}) did not mention this item (key '{1}'), so whether it was processed is not known.",
                httpStatus,
                key));

    /// <summary>An item the runner found no outcome for at all (an endpoint that lost it): reported, never dropped.</summary>
    public static ItemOutcome Unanswered(int index) =>
        new(index, OutcomeKind.Failed, OutcomeStatuses.MissingFromResponse, FailureReason.MissingFromResponse)
        {
            Message = "The server's answer did not mention this item; it may or may not have been processed.",
        };

    /// <summary>An item refused before sending (bad input).</summary>
    public static ItemOutcome Invalid(int index, string message) =>
        new(index, OutcomeKind.Failed, OutcomeStatuses.InvalidInput, FailureReason.InvalidInput) { Message = message };

    /// <summary>An item deliberately not sent (<see cref="OutcomeStatuses.WhatIf"/>, <see cref="OutcomeStatuses.Declined"/> …).</summary>
    public static ItemOutcome NotSent(int index, string status, string message) =>
        new(index, OutcomeKind.NotSent, status) { Message = message };

    /// <summary>An item that was never sent because the server refused the credentials or the permission (401/403) of a request.</summary>
    public static ItemOutcome StoppedAtAuthenticationFailure(int index, int? httpStatus) =>
        NotSent(
            index,
            OutcomeStatuses.StoppedAtFailure,
            string.Format(
                CultureInfo.InvariantCulture,
                "Not sent: the server refused a request of this command (HTTP {0}: {1}), so nothing more was sent. Correct the credentials or the API user's permissions, then run the command again for this item.",
                httpStatus?.ToString(CultureInfo.InvariantCulture) ?? "401/403",
                httpStatus == 403 ? "the API user may not call this method" : "wrong user name or password"));

    /// <summary>An item that was never sent because a failure (of <paramref name="failedIndex"/>) stops the command.</summary>
    public static ItemOutcome StoppedAtFailure(int index, int failedIndex) =>
        NotSent(
            index,
            OutcomeStatuses.StoppedAtFailure,
            string.Format(
                CultureInfo.InvariantCulture,
                "Not sent: the command stopped at its first failure (the item with InputIndex {0}) because of -ErrorAction Stop; run the command again for this item.",
                failedIndex));

    /// <summary>An item whose request was cancelled (Ctrl+C).</summary>
    public static ItemOutcome Cancelled(int index) =>
        new(index, OutcomeKind.Failed, OutcomeStatuses.Cancelled, FailureReason.Cancelled) { Message = "The command was stopped before this item was processed." };

    /// <summary>
    /// An item of a request refused by authentication (401/403), after which nothing more is sent. Its Status is a
    /// word like every other (Unauthorized, Forbidden), the number is in HttpStatus, and Attempts counts the
    /// attempts the request took, as for any answered request.
    /// </summary>
    public static ItemOutcome Refused(int index, FailureReason reason, int? httpStatus, int attempts, string message, string? requestId) =>
        new(index, OutcomeKind.Failed, reason == FailureReason.Unauthorized ? OutcomeStatuses.Unauthorized : OutcomeStatuses.Forbidden, reason)
        {
            WholeRequest = true, // the request's refusal, not the item's: the command's one terminating error tells it
            HttpStatus = httpStatus,
            Message = message,
            RequestId = requestId,
            Attempts = attempts,
        };

    /// <summary>An item whose request failed in an unexpected way (a defect must fail items, never lose them).</summary>
    public static ItemOutcome Crashed(int index, Exception error) =>
        new(index, OutcomeKind.Failed, OutcomeStatuses.Failed, FailureReason.Transport) { Message = "The request failed unexpectedly: " + (error ?? throw new ArgumentNullException(nameof(error))).Message };

    /// <summary>The same verdict with another message (e.g. what a later check found).</summary>
    public static ItemOutcome WithMessage(ItemOutcome original, string message) =>
        Copy(original ?? throw new ArgumentNullException(nameof(original)), original.InputIndex, message);

    /// <summary>The same verdict for another input (a repeated id that was sent once, or a settled item given its place).</summary>
    public static ItemOutcome CopyFor(ItemOutcome original, int index) =>
        Copy(original ?? throw new ArgumentNullException(nameof(original)), index, original.Message);

    /// <summary>
    /// An item an earlier run already did (the journal says so): it counts as succeeded, carries the id the server
    /// gave then, and is not sent again.
    /// </summary>
    public static ItemOutcome AlreadyDone(int index, long? returnedId, string message) =>
        new(index, OutcomeKind.Succeeded, OutcomeStatuses.AlreadyDone) { ReturnedId = returnedId, Message = message };

    /// <summary>
    /// An item an earlier run sent without learning the answer (the journal says so): it may exist, so it stays
    /// Unknown and is not sent again unless the caller says so.
    /// </summary>
    public static ItemOutcome UnknownEarlier(int index, string message) =>
        new(index, OutcomeKind.Unknown, OutcomeStatuses.Unknown, FailureReason.OutcomeUnknown) { Message = message };

    private static ItemOutcome Copy(ItemOutcome original, int index, string? message) =>
        new(index, original.Kind, original.Status, original.Reason)
        {
            HttpStatus = original.HttpStatus,
            Message = message,
            ReturnedId = original.ReturnedId,
            RequestId = original.RequestId,
            Attempts = original.Attempts,
            WholeRequest = original.WholeRequest,
        };
}
