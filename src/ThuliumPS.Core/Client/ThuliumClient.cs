using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Timeout;
using ThuliumPS.Core.Connection;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Outcomes;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Json;
using ThuliumPS.Core.Resilience;

namespace ThuliumPS.Core.Client;

/// <summary>
/// The HTTP side of one connection: one <see cref="HttpClient"/> (so its connection pool serves every command) with Basic authentication,
/// User-Agent and <c>Accept: application/json</c>, and the retry/timeout pipelines. Thread-safe: the endpoints of
/// several commands (and runspaces) may share it. Dispose it only when nobody can use it any more: the module never
/// disposes a client behind a connection object a user may hold.
/// </summary>
public sealed class ThuliumClient : IDisposable
{
    /// <summary>The product token of the User-Agent.</summary>
    public const string ProductName = "ThuliumPS";

    private readonly HttpClient _http;

    // False for a client made by WithRetryPolicy: the HttpClient belongs to the client it was made from.
    private readonly bool _ownsHttp;
    private readonly ResiliencePipeline<HttpResponseMessage> _idempotentPipeline;
    private readonly ResiliencePipeline<HttpResponseMessage> _nonIdempotentPipeline;
    private readonly TimeProvider _timeProvider = TimeProvider.System;

    // The connection's pace: shared by every client made from this one (WithRetryPolicy), so all commands and
    // runspaces that send through one connection slow down together when the server asks.
    private readonly AdaptiveSendRate _pace;

    /// <summary>Creates the client; no request is sent until a method is called.</summary>
    /// <param name="settings">The connection settings; validated here.</param>
    /// <exception cref="InvalidOperationException">Plain http without the opt-in, or an option out of range.</exception>
    public ThuliumClient(ThuliumConnectionSettings settings)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        settings.Validate();
        _ownsHttp = true;

#pragma warning disable CA2000 // The handler is owned and disposed by the HttpClient (disposeHandler: true).
        var handler = new HttpClientHandler
        {
            // Redirects are not followed: a create must not be replayed elsewhere, and credentials must not be
            // sent to a host the user did not name. A 3xx becomes a failure that names the new location.
            AllowAutoRedirect = false,
            UseCookies = false,
            PreAuthenticate = false,
        };
#pragma warning restore CA2000
        if (settings.SkipCertificateCheck)
        {
#pragma warning disable CA5359 // Accepting any certificate is exactly what the user asked for with SkipCertificateCheck.
            handler.ServerCertificateCustomValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        _http = new HttpClient(handler, disposeHandler: true)
        {
            // The per-attempt timeout is Polly's (so a timeout is told apart from user cancellation).
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", BasicCredentials(settings));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent(settings.UserAgentFragment));
        _http.DefaultRequestHeaders.ExpectContinue = false;

        _pace = new AdaptiveSendRate(_timeProvider);
        _idempotentPipeline = ThuliumPipelineFactory.Create(settings, idempotent: true, _timeProvider, _pace);
        _nonIdempotentPipeline = ThuliumPipelineFactory.Create(settings, idempotent: false, _timeProvider, _pace);
    }

    // A client over another's HttpClient: only the retry options differ, so the handler's settings (base URI,
    // credential, certificate check, User-Agent) are the ones that HttpClient was built with.
    private ThuliumClient(ThuliumConnectionSettings settings, HttpClient http, AdaptiveSendRate pace)
    {
        settings.Validate();
        Settings = settings;
        _http = http;
        _pace = pace;
        _idempotentPipeline = ThuliumPipelineFactory.Create(settings, idempotent: true, _timeProvider, _pace);
        _nonIdempotentPipeline = ThuliumPipelineFactory.Create(settings, idempotent: false, _timeProvider, _pace);
    }

    /// <summary>The pace of this connection's requests (unlimited until the server first asks to slow down).</summary>
    public AdaptiveSendRate Pace => _pace;

    /// <summary>
    /// A client with other retry options over this client's HTTP connection (same handler, credential and
    /// connection pool), e.g. for one command's -MaximumRetryCount. Disposing it releases nothing: the HTTP
    /// connection stays this client's, so a per-command policy can never break the connection it came from.
    /// </summary>
    /// <exception cref="InvalidOperationException">An option out of range.</exception>
    public ThuliumClient WithRetryPolicy(int maximumRetryCount, TimeSpan retryInterval, TimeSpan maximumRetryWait)
        => new(Settings with { MaximumRetryCount = maximumRetryCount, RetryInterval = retryInterval, MaximumRetryWait = maximumRetryWait }, _http, _pace);

    /// <summary>The settings this client was built from.</summary>
    public ThuliumConnectionSettings Settings { get; }

    /// <summary>The base URI's path (<c>/api/</c>), the first part of every request target.</summary>
    internal string BasePath => Settings.BaseUri.AbsolutePath;

    /// <summary>The User-Agent sent with every request: <c>ThuliumPS/&lt;version&gt; &lt;fragment&gt;</c>.</summary>
    public string UserAgentHeader => UserAgent(Settings.UserAgentFragment);

    /// <summary>
    /// Sends one request through the pipeline for its kind. Returns the final answer (any status except 401/403)
    /// or the transport failure; throws <see cref="ThuliumAuthenticationException"/> on 401/403 and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    internal async Task<ThuliumExchange> SendAsync(ThuliumRequest request, IEngineLog log, CancellationToken cancellationToken)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        if (log is null) throw new ArgumentNullException(nameof(log));
        cancellationToken.ThrowIfCancellationRequested();
        var pipeline = request.IsIdempotent ? _idempotentPipeline : _nonIdempotentPipeline;
        var tracker = new AttemptTracker(request, log, RequestCounters.Current);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(AttemptTracker.Key, tracker);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var response = await pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    state.Tracker.Attempts++;
                    state.Tracker.Counters?.AttemptStarted();
                    using var message = state.Request.CreateMessage(state.Client.Settings.BaseUri);

                    // ResponseContentRead (the default) buffers the body inside the attempt, so the per-attempt
                    // timeout covers reading the answer too.
                    return await state.Client._http.SendAsync(message, HttpCompletionOption.ResponseContentRead, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (Client: this, Request: request, Tracker: tracker)).ConfigureAwait(false);

            var body = response.Content is null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var status = (int)response.StatusCode;
            log.Verbose(string.Format(
                CultureInfo.InvariantCulture,
                "{0}: HTTP {1} {2} in {3} ms after {4}.",
                request.LogSubject,
                status,
                response.ReasonPhrase,
                stopwatch.ElapsedMilliseconds,
                Plural.Count(tracker.Attempts, "attempt", "attempts")));

            if (status is 401 or 403)
            {
                throw AuthenticationFailure(request, status, body, tracker.Attempts);
            }

            return ThuliumExchange.FromResponse(
                request,
                response,
                body,
                RetryAfterReader.Read(response, _timeProvider.GetUtcNow()),
                tracker.Attempts,
                tracker.EarlierAttemptMayHaveActed,
                Settings.MaximumRetryWait);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.Verbose(request.Description + ": cancelled after " + Plural.Count(tracker.Attempts, "attempt", "attempts") + ".");
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or System.IO.IOException or OperationCanceledException)
        {
            // An OperationCanceledException that is not the caller's is the transport timing out on its own.
            var kind = ex is OperationCanceledException ? TransportFailureKind.Timeout : TransportFailureClassifier.Classify(ex);
            log.Verbose(string.Format(
                CultureInfo.InvariantCulture,
                "{0}: no answer ({1}) after {2}, {3} ms.",
                request.LogSubject,
                kind,
                Plural.Count(tracker.Attempts, "attempt", "attempts"),
                stopwatch.ElapsedMilliseconds));
            return ThuliumExchange.FromFailure(request, kind, ex, tracker.Attempts, tracker.EarlierAttemptMayHaveActed, Settings.MaximumRetryWait, Settings.SkipCertificateCheck);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Disposes the HTTP client and its handler (nothing for a client made by <see cref="WithRetryPolicy"/>).</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>Base URI and user — never the password.</summary>
    public override string ToString() => Settings.ToString();

    private ThuliumAuthenticationException AuthenticationFailure(ThuliumRequest request, int status, byte[] body, int attempts)
    {
        var error = ResponseReader.TryReadError(body);
        var serverMessage = ResponseReader.MessageOf(error);
        var text = status == 401
            ? "The Thulium API at " + Settings.BaseUri.AbsoluteUri + " refused the credentials of API user '" + Settings.UserName +
              "' (HTTP 401): wrong user name or password."
            : "API user '" + Settings.UserName + "' may not call " + request.Description + " on " + Settings.BaseUri.AbsoluteUri +
              " (HTTP 403): grant the permission under Administration > Users > API Users > Permissions.";
        if (serverMessage is not null)
        {
            text += " Server: " + serverMessage;
        }

        if (error?.RequestId is not null)
        {
            text += " (request id " + error.RequestId + ")";
        }

        return new ThuliumAuthenticationException(
            text,
            status == 401 ? FailureReason.Unauthorized : FailureReason.Forbidden,
            status,
            error?.RequestId)
        {
            Attempts = attempts,
        };
    }

    // "user:password" in UTF-8, Base64, with no trailing newline (the docs' example has one by mistake).
    private static string BasicCredentials(ThuliumConnectionSettings settings)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes(settings.Credential.UserName + ":" + settings.Credential.Password));

    private static string UserAgent(string? fragment)
    {
        var version = typeof(ThuliumClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                      ?? typeof(ThuliumClient).Assembly.GetName().Version?.ToString()
                      ?? "0.0.0";
        var agent = ProductName + "/" + version;
        if (string.IsNullOrWhiteSpace(fragment))
        {
            return agent;
        }

        // Header values may not contain control characters (a CR/LF would split the header).
        var clean = new StringBuilder(fragment!.Length);
        foreach (var c in fragment.Trim())
        {
            clean.Append(char.IsControl(c) ? ' ' : c);
        }

        return agent + " " + clean;
    }
}
