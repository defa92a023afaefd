using System;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace ThuliumPS.Core.Connection;

/// <summary>
/// Everything needed to talk to one Thulium instance: base URI, credentials, timeouts and retry options.
/// The password is held only inside a <see cref="NetworkCredential"/> (built from a <c>SecureString</c> by the
/// cmdlet layer) and is never part of <see cref="ToString"/>, an exception message or a log line.
/// </summary>
/// <remarks>
/// Construct with <see cref="ForInstance"/> (<c>acme</c> → <c>https://acme.thulium.com/api/</c>) or
/// <see cref="ForBaseUri"/>; set options with <c>with</c>:
/// <c>ThuliumConnectionSettings.ForBaseUri(uri, credential) with { AllowUnencryptedAuthentication = true }</c>.
/// A record, so settings are immutable once a client holds them. Validation of the options happens in
/// <see cref="Validate"/>, which <c>ThuliumClient</c> calls before it sends anything.
/// </remarks>
public sealed record ThuliumConnectionSettings
{
    /// <summary>The domain under which Thulium hosts instances (<c>https://&lt;name&gt;.thulium.com/api/</c>).</summary>
    public const string InstanceDomain = "thulium.com";

    /// <summary>The API's path segment; a base URI given as a bare host root gets it appended.</summary>
    public const string ApiPath = "api/";

    /// <summary>
    /// Default per-attempt timeout: 100 s, the same as <c>HttpClient</c> and <c>Invoke-RestMethod</c>, because a
    /// batch of 1000 customers can take the server a while and the API documents no limit of its own.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

    /// <summary>The shortest per-attempt timeout accepted.</summary>
    public static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(10);

    /// <summary>Default number of retries after the first attempt (where a retry is safe).</summary>
    public const int DefaultMaximumRetryCount = 5;

    /// <summary>Default base of the exponential backoff.</summary>
    public static readonly TimeSpan DefaultRetryInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Default longest single wait between attempts. A server that asks (Retry-After) for a longer wait is not
    /// waited for: its items fail as throttled, naming the wait, so an unattended job does not hang for hours.
    /// </summary>
    public static readonly TimeSpan DefaultMaximumRetryWait = TimeSpan.FromSeconds(60);

    // A DNS label: letters, digits and inner hyphens, at most 63 characters.
    private static readonly Regex InstanceNamePattern = new(
        "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$",
        RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    private readonly NetworkCredential _credential;

    private ThuliumConnectionSettings(Uri baseUri, NetworkCredential credential)
    {
        BaseUri = baseUri;
        _credential = credential;
    }

    /// <summary>
    /// Settings for the hosted instance <paramref name="instanceName"/>: <c>https://&lt;name&gt;.thulium.com/api/</c>.
    /// A full host name ending in <c>.thulium.com</c> is accepted too (the admin may paste it from the browser).
    /// </summary>
    /// <param name="instanceName">The instance (system) name, e.g. <c>acme</c>.</param>
    /// <param name="credential">The API user; build it from a <c>SecureString</c> password.</param>
    /// <exception cref="InvalidConnectionSettingException">The name is not a valid host name label.</exception>
    public static ThuliumConnectionSettings ForInstance(string instanceName, NetworkCredential credential)
    {
        if (instanceName is null) throw new ArgumentNullException(nameof(instanceName));
        ValidateCredential(credential);

        var name = instanceName.Trim();
        var suffix = "." + InstanceDomain;
        if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            name = name.Substring(0, name.Length - suffix.Length);
        }

        if (!InstanceNamePattern.IsMatch(name))
        {
            // The name is echoed so the admin sees what was read, but without user information: a pasted
            // https://user:password@acme.thulium.com must not carry the password into the error.
            throw new InvalidConnectionSettingException(
                string.Format(
                    CultureInfo.InvariantCulture,
                    "'{0}' is not a valid Thulium instance name: use the system name only (letters, digits and hyphens, e.g. 'acme' for https://acme.{1}/api/), or give the full base URI instead.",
                    UriText.WithoutUserInfo(instanceName),
                    InstanceDomain),
                nameof(instanceName));
        }

        var uri = new Uri("https://" + name.ToLowerInvariant() + "." + InstanceDomain + "/" + ApiPath, UriKind.Absolute);
        return new ThuliumConnectionSettings(uri, credential);
    }

    /// <summary>
    /// Settings for an explicit base URI (a differently hosted instance, a proxy, or the local sandbox).
    /// Normalisation: a bare host root (<c>https://host</c> or <c>https://host/</c>) gets <c>api/</c> appended,
    /// because every documented resource lives under <c>/api/</c>; any other path is kept as given (it may be a
    /// reverse proxy's prefix) and only gets a trailing <c>/</c>, so relative resource paths resolve beneath it.
    /// </summary>
    /// <param name="baseUri">An absolute http or https URI without query or fragment.</param>
    /// <param name="credential">The API user; build it from a <c>SecureString</c> password.</param>
    /// <exception cref="InvalidConnectionSettingException">The URI is relative, not http(s), or has a query or fragment.</exception>
    public static ThuliumConnectionSettings ForBaseUri(Uri baseUri, NetworkCredential credential)
    {
        if (baseUri is null) throw new ArgumentNullException(nameof(baseUri));
        ValidateCredential(credential);

        if (!baseUri.IsAbsoluteUri
            || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidConnectionSettingException(
                "The base URI must be an absolute http:// or https:// URI, e.g. https://acme.thulium.com/api/.",
                nameof(baseUri));
        }

        if (!string.IsNullOrEmpty(baseUri.Query) || !string.IsNullOrEmpty(baseUri.Fragment) || !string.IsNullOrEmpty(baseUri.UserInfo))
        {
            throw new InvalidConnectionSettingException(
                "The base URI must not contain user information, a query or a fragment; give credentials separately.",
                nameof(baseUri));
        }

        var path = baseUri.AbsolutePath;
        if (path.Length == 0 || path == "/")
        {
            path = "/" + ApiPath;
        }
        else if (!path.EndsWith("/", StringComparison.Ordinal))
        {
            path += "/";
        }

        var builder = new UriBuilder(baseUri.Scheme, baseUri.Host, baseUri.Port) { Path = path };
        var normalized = new Uri(builder.Uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped), UriKind.Absolute);
        return new ThuliumConnectionSettings(normalized, credential);
    }

    /// <summary>The API's base URI, always ending in <c>/</c> (normally <c>…/api/</c>).</summary>
    public Uri BaseUri { get; }

    /// <summary>The API user name (not secret; shown in messages).</summary>
    public string UserName => _credential.UserName;

    /// <summary>Longest time one HTTP attempt may take, answer included; default <see cref="DefaultTimeout"/>.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>
    /// Allows a plain <c>http://</c> base URI. Off by default: Basic authentication would send the password
    /// readable to anyone on the path. Meant for the local sandbox.
    /// </summary>
    public bool AllowUnencryptedAuthentication { get; init; }

    /// <summary>Accepts any server certificate (self-signed test systems). Off by default.</summary>
    public bool SkipCertificateCheck { get; init; }

    /// <summary>Retries after the first attempt, where retrying is safe; 0 disables retries. Default 5.</summary>
    public int MaximumRetryCount { get; init; } = DefaultMaximumRetryCount;

    /// <summary>Base of the exponential backoff (with jitter) between attempts. Default 1 s.</summary>
    public TimeSpan RetryInterval { get; init; } = DefaultRetryInterval;

    /// <summary>
    /// Longest single wait between attempts. Backoff is capped at it; a server's Retry-After longer than it stops
    /// the retries and fails the items as throttled. Default 60 s.
    /// </summary>
    public TimeSpan MaximumRetryWait { get; init; } = DefaultMaximumRetryWait;

    /// <summary>
    /// Appended to the User-Agent after <c>ThuliumPS/&lt;version&gt;</c>; the cmdlet layer fills it with the
    /// PowerShell edition and version, e.g. <c>PowerShell/7.4.6</c>.
    /// </summary>
    public string? UserAgentFragment { get; init; }

    /// <summary>
    /// How the user allows plain http where these settings came from, named in the refusal: the Connect-Thulium
    /// switch by default, the environment variable for settings read by <see cref="EnvironmentConnection"/>.
    /// </summary>
    internal string UnencryptedOptIn { get; init; } = "-AllowUnencryptedAuthentication";

    /// <summary>The credential; internal so that no public surface hands out the password.</summary>
    internal NetworkCredential Credential => _credential;

    /// <summary>Checks the options; called by <c>ThuliumClient</c>'s constructor.</summary>
    /// <exception cref="InvalidOperationException">
    /// Plain http without <see cref="AllowUnencryptedAuthentication"/>, or an option out of range.
    /// </exception>
    public void Validate()
    {
        if (BaseUri.Scheme == Uri.UriSchemeHttp && !AllowUnencryptedAuthentication)
        {
            // The advice names what the user can actually give where the settings came from, and says when a
            // switch they did give cannot help (there is no certificate on http).
            throw new InvalidOperationException(
                "Refusing to send credentials to " + BaseUri.AbsoluteUri + " over unencrypted http: the password would be readable on the network. " +
                "Use an https:// URI, or allow unencrypted authentication explicitly (" + UnencryptedOptIn + "), e.g. for the local sandbox." +
                (SkipCertificateCheck ? " -SkipCertificateCheck does not apply to http:// (there is no certificate to check) and has no effect here." : string.Empty));
        }

        // 10 ms is the shortest timeout Polly's timeout strategy accepts.
        if (Timeout != System.Threading.Timeout.InfiniteTimeSpan && Timeout < MinimumTimeout)
        {
            throw new InvalidOperationException("Timeout must be at least 10 ms (or infinite).");
        }

        if (MaximumRetryCount < 0)
        {
            throw new InvalidOperationException("MaximumRetryCount must not be negative.");
        }

        if (RetryInterval < TimeSpan.Zero || RetryInterval > TimeSpan.FromDays(1))
        {
            throw new InvalidOperationException("RetryInterval must be between 0 and 1 day.");
        }

        if (MaximumRetryWait <= TimeSpan.Zero || MaximumRetryWait > TimeSpan.FromDays(1))
        {
            throw new InvalidOperationException("MaximumRetryWait must be positive and at most 1 day.");
        }
    }

    /// <summary>Base URI and user only — never the password.</summary>
    public override string ToString() => UserName + " @ " + BaseUri.AbsoluteUri;

    private static void ValidateCredential(NetworkCredential credential)
    {
        if (credential is null) throw new ArgumentNullException(nameof(credential));
        if (string.IsNullOrEmpty(credential.UserName))
        {
            throw new InvalidConnectionSettingException("The API user name must not be empty.", nameof(credential));
        }

        // RFC 7617: the user-id of Basic authentication cannot contain a colon.
        if (credential.UserName.IndexOf(':') >= 0)
        {
            throw new InvalidConnectionSettingException("The API user name must not contain ':' (HTTP Basic authentication cannot carry it).", nameof(credential));
        }
    }
}
