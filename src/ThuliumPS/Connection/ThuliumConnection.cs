using System;
using ThuliumPS.Core.Connection;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Client;

namespace ThuliumPS.Connection;

/// <summary>
/// A connection to one Thulium instance: what Connect-Thulium returns with -PassThru and every bulk cmdlet takes
/// as -Connection. Shows the base URI, user and options; the password is held by the engine and never shown.
/// </summary>
/// <remarks>
/// Not <see cref="IDisposable"/> on purpose: a user may hold the object in a variable, pass it to
/// other runspaces with <c>$using:</c>, and use it after a newer Connect-Thulium or a Disconnect-Thulium, so
/// nothing may close it underneath them. Its HTTP client is thread-safe and is released with the object by the
/// garbage collector; idle pooled connections close on their own meanwhile.
/// </remarks>
public sealed class ThuliumConnection
{
    private ThuliumConnection(ThuliumClient client) => Client = client;

    /// <summary>The engine's HTTP client — one per connection, so its connection pool is reused by every command; it holds the credential.</summary>
    internal ThuliumClient Client { get; }

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

    /// <summary>Creates a connection (and its HTTP client) from validated settings.</summary>
    internal static ThuliumConnection Create(ThuliumConnectionSettings settings) => new(new ThuliumClient(settings))
    {
        BaseUri = settings.BaseUri,
        UserName = settings.UserName,
        TimeoutSec = (int)Math.Ceiling(settings.Timeout.TotalSeconds),
        MaximumRetryCount = settings.MaximumRetryCount,
        RetryIntervalSec = settings.RetryInterval.TotalSeconds,
        MaximumRetryWaitSec = settings.MaximumRetryWait.TotalSeconds,
        AllowUnencryptedAuthentication = settings.AllowUnencryptedAuthentication,
        SkipCertificateCheck = settings.SkipCertificateCheck,
        ConnectedAtUtc = DateTime.UtcNow,
    };
}
