using System;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Bulk;

/// <summary>How input is cut into requests and how many requests run at once.</summary>
public sealed class BulkOptions
{
    /// <summary>Default items per request.</summary>
    public const int DefaultBatchSize = 100;

    /// <summary>The largest batch ThuliumPS sends (the API documentation states no limit, so this is ThuliumPS's own ceiling).</summary>
    public const int MaxBatchSize = 1000;

    /// <summary>
    /// Default longest request target (path + query). The API states none; 4,000 stays under the 8 KB that common
    /// servers and proxies accept with room for their own headers.
    /// </summary>
    public const int DefaultMaxUrlLength = 4000;

    /// <summary>Default requests in flight at once.</summary>
    public const int DefaultMaxConcurrentRequests = 4;

    private int batchSize = DefaultBatchSize;
    private int maxUrlLength = DefaultMaxUrlLength;
    private int maxConcurrentRequests = DefaultMaxConcurrentRequests;

    /// <summary>Items per request, 1–1000.</summary>
    public int BatchSize
    {
        get => batchSize;
        set => batchSize = value is >= 1 and <= MaxBatchSize
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"BatchSize must be between 1 and {MaxBatchSize}.");
    }

    /// <summary>Longest request target (path + query) for endpoints whose items travel in the query; at least 100.</summary>
    public int MaxUrlLength
    {
        get => maxUrlLength;
        set => maxUrlLength = value >= 100
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxUrlLength must be at least 100.");
    }

    /// <summary>
    /// Stop at the first failure (PowerShell's -ErrorAction Stop): once any item is known to have failed (refused
    /// locally or by the server, or with an unknown outcome), no further request is sent; items not yet sent get a
    /// <see cref="OutcomeKind.NotSent"/> outcome, and requests already in flight still get their answers.
    /// </summary>
    public bool StopAtFirstFailure { get; set; }

    /// <summary>Requests in flight at once, at least 1.</summary>
    public int MaxConcurrentRequests
    {
        get => maxConcurrentRequests;
        set => maxConcurrentRequests = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxConcurrentRequests must be at least 1.");
    }
}
