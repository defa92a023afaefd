using System;

namespace ThuliumPS.Connection;

/// <summary>
/// A connection to one Thulium instance: what Connect-Thulium returns with -PassThru and every bulk cmdlet takes
/// as -Connection. Shows the base URI, user and options; the password is held by the engine and never shown.
/// </summary>
public sealed class ThuliumConnection
{
    /// <summary>The API's base URI, ending in /api/.</summary>
    public Uri BaseUri { get; internal set; } = null!;

    /// <summary>The API user.</summary>
    public string UserName { get; internal set; } = string.Empty;

    /// <summary>Seconds one HTTP attempt may take.</summary>
    public int TimeoutSec { get; internal set; }

    /// <summary>Retries of a failed request, where retrying is safe.</summary>
    public int MaximumRetryCount { get; internal set; }

    /// <summary>Base of the exponential backoff, in seconds.</summary>
    public double RetryIntervalSec { get; internal set; }

    /// <summary>Longest single wait between retries, in seconds.</summary>
    public double MaximumRetryWaitSec { get; internal set; }

    /// <summary>Whether plain http:// was allowed.</summary>
    public bool AllowUnencryptedAuthentication { get; internal set; }

    /// <summary>Whether the server certificate is not checked.</summary>
    public bool SkipCertificateCheck { get; internal set; }

    /// <summary>When the connection was made (UTC).</summary>
    public DateTime ConnectedAtUtc { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => UserName + " @ " + BaseUri;
}
