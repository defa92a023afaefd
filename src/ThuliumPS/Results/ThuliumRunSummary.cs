using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Diagnostics;

namespace ThuliumPS.Results;

/// <summary>
/// What one run of a bulk cmdlet did, in numbers: written once at the end of the command (also under -WhatIf, and
/// before the error that ends a command under -ErrorAction Stop) to the Information stream with the tag
/// <see cref="Tag"/>. Capture it with <c>-InformationVariable s</c> (<c>$s.MessageData</c> is this object), show it
/// with <c>-InformationAction Continue</c>; -Verbose shows the same numbers as one line.
/// </summary>
public sealed class ThuliumRunSummary
{
    /// <summary>The Information stream tag of the summary: <c>ThuliumPS.RunSummary</c>.</summary>
    public const string Tag = "ThuliumPS.RunSummary";

    /// <summary>The cmdlet that ran, e.g. New-ThuliumCustomer.</summary>
    public string Command { get; internal set; } = string.Empty;

    /// <summary>Results written: one per input item.</summary>
    public int Total { get; internal set; }

    /// <summary>Results whose Outcome is Succeeded.</summary>
    public int Succeeded { get; internal set; }

    /// <summary>Results whose Outcome is Failed.</summary>
    public int Failed { get; internal set; }

    /// <summary>Results whose Outcome is Unknown (a create whose answer was lost; check before re-running).</summary>
    public int Unknown { get; internal set; }

    /// <summary>Results whose Outcome is NotSent (-WhatIf, declined, or held back after a failure under -ErrorAction Stop).</summary>
    public int NotSent { get; internal set; }

    /// <summary>Results by their Status word (Created, Deleted, NOT_EXIST, InvalidInput, WhatIf …), sorted by the word.</summary>
    public IReadOnlyDictionary<string, int> ByStatus { get; internal set; } = new Dictionary<string, int>();

    /// <summary>HTTP requests sent, every attempt counted (a request retried twice counts 3).</summary>
    public long RequestsSent { get; internal set; }

    /// <summary>Attempts that retried an earlier one (429, 503, a connection failure …).</summary>
    public long Retries { get; internal set; }

    /// <summary>Time waited before retries, summed over requests (concurrent waits add up, so it can exceed Elapsed).</summary>
    public TimeSpan RetryWait { get; internal set; }

    /// <summary>The part of <see cref="RetryWait"/> the server asked for with Retry-After.</summary>
    public TimeSpan RetryAfterWait { get; internal set; }

    /// <summary>From the start of the command to the summary.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>Results per second of <see cref="Elapsed"/>.</summary>
    public double RowsPerSecond { get; internal set; }

    /// <summary>When the command started.</summary>
    public DateTimeOffset StartedAt { get; internal set; }

    /// <summary>When the summary was made, at the end of the command.</summary>
    public DateTimeOffset EndedAt { get; internal set; }

    /// <summary>The summary of a run from its statistics, taken now.</summary>
    internal static ThuliumRunSummary From(string command, RunStatistics statistics)
    {
        var elapsed = statistics.Elapsed;
        return new ThuliumRunSummary
        {
            Command = command,
            Total = statistics.Total,
            Succeeded = statistics.Succeeded,
            Failed = statistics.Failed,
            Unknown = statistics.Unknown,
            NotSent = statistics.NotSent,
            // A copy: the run's own table is not the user's to change, nor to see change.
            ByStatus = new SortedDictionary<string, int>(statistics.ByStatus.ToDictionary(p => p.Key, p => p.Value), StringComparer.OrdinalIgnoreCase),
            RequestsSent = statistics.Requests.RequestsSent,
            Retries = statistics.Requests.Retries,
            RetryWait = statistics.Requests.RetryWait,
            RetryAfterWait = statistics.Requests.RetryAfterWait,
            Elapsed = elapsed,
            RowsPerSecond = Math.Round(statistics.RowsPerSecond(elapsed), 1),
            StartedAt = statistics.StartedAt,
            EndedAt = statistics.StartedAt + elapsed,
        };
    }

    /// <summary>
    /// One line, as -InformationAction Continue and -Verbose show it: "New-ThuliumCustomer: 500 items in 1.2 s
    /// (416.7/s): 498 succeeded, 2 failed, 0 unknown, 0 not sent [Created 498, InvalidInput 2]; 5 requests, 0 retries,
    /// 0 s waited on Retry-After."
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder(160);
        text.AppendFormat(
            CultureInfo.InvariantCulture,
            "{0}: {1} in {2:0.0} s ({3:0.#}/s): {4} succeeded, {5} failed, {6} unknown, {7} not sent",
            Command, Plural.Count(Total, "item", "items"), Elapsed.TotalSeconds, RowsPerSecond, Succeeded, Failed, Unknown, NotSent);
        if (ByStatus.Count > 0)
        {
            text.Append(" [").Append(string.Join(", ", ByStatus.Select(p => p.Key + " " + p.Value.ToString(CultureInfo.InvariantCulture)))).Append(']');
        }

        text.AppendFormat(
            CultureInfo.InvariantCulture,
            "; {0}, {1}, {2:0.#} s waited on Retry-After.",
            Plural.Count(RequestsSent, "request", "requests"), Plural.Count(Retries, "retry", "retries"), RetryAfterWait.TotalSeconds);
        return text.ToString();
    }
}
