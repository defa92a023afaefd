using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using ThuliumPS.Core.Connection;

namespace ThuliumPS.Core.Tests.Engine;

/// <summary>One scripted misbehaviour, used once for the next matching request (like the sandbox's fault rules).</summary>
internal sealed record Fault(string Method, int? Status = null, string? RetryAfter = null, string? Body = null, int DelayMs = 0, string? Drop = null);

/// <summary>
/// A tiny Kestrel server on loopback for the resilience tests: real HTTP, real connection drops. Implements just
/// enough of POST/DELETE batch/customers (a customer store) to show what took effect, plus a fault queue.
/// The full API behaviour is the sandbox's job; this stays small on purpose.
/// </summary>
internal sealed class ScriptedApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Fault> _faults = new();
    private readonly ConcurrentDictionary<long, string> _customers = new();
    private long _nextId = 100;

    private ScriptedApiServer(WebApplication app) => _app = app;

    public Uri ApiUri { get; private set; } = null!;

    public ConcurrentQueue<(string Method, string Target)> Requests { get; } = new();

    public IReadOnlyDictionary<long, string> Customers => _customers;

    public static async Task<ScriptedApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedApiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Urls.First();
        server.ApiUri = new Uri(address.TrimEnd('/') + "/api/");
        return server;
    }

    public void AddFaults(params Fault[] faults)
    {
        foreach (var fault in faults)
        {
            _faults.Enqueue(fault);
        }
    }

    public long Seed(string surname)
    {
        var id = Interlocked.Increment(ref _nextId);
        _customers[id] = surname;
        return id;
    }

    public ThuliumConnectionSettings Settings(Func<ThuliumConnectionSettings, ThuliumConnectionSettings>? adjust = null)
    {
        var settings = ThuliumConnectionSettings.ForBaseUri(ApiUri, new NetworkCredential("api_user", "api_pass")) with
        {
            AllowUnencryptedAuthentication = true,
            RetryInterval = TimeSpan.FromMilliseconds(10),
            MaximumRetryWait = TimeSpan.FromSeconds(10),
            Timeout = TimeSpan.FromSeconds(10),
        };
        return adjust is null ? settings : adjust(settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var rawTarget = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        Requests.Enqueue((request.Method, rawTarget));

        if (_faults.TryPeek(out var fault) && fault.Method == request.Method && _faults.TryDequeue(out fault))
        {
            if (fault.DelayMs > 0)
            {
                try
                {
                    await Task.Delay(fault.DelayMs, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            if (fault.Drop == "before")
            {
                context.Abort();
                return;
            }

            if (fault.Status is { } status)
            {
                context.Response.StatusCode = status;
                if (fault.RetryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = fault.RetryAfter;
                }

                await context.Response.WriteAsync(fault.Body ?? """{"request_id": "fault1", "errors": [{"message": "Scripted failure.", "code": 1}]}""");
                return;
            }

            await HandleRealAsync(context, writeAnswer: fault.Drop != "after");
            if (fault.Drop == "after")
            {
                context.Abort();
            }

            return;
        }

        await HandleRealAsync(context, writeAnswer: true);
    }

    private async Task HandleRealAsync(HttpContext context, bool writeAnswer)
    {
        var request = context.Request;
        var answer = new StringBuilder("{");
        if (request.Method == "POST" && request.Path == "/api/batch/customers")
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var position = 0;
            foreach (var customer in body.RootElement.GetProperty("customers").EnumerateArray())
            {
                var id = Seed(customer.GetProperty("surname").GetString()!);
                answer.Append(CultureInfo.InvariantCulture, $"{(position > 0 ? "," : "")}\"{position}\": {{\"http_status\": 201, \"customer_id\": \"{id}\"}}");
                position++;
            }
        }
        else if (request.Method == "DELETE" && request.Path == "/api/batch/customers")
        {
            var first = true;
            foreach (var value in request.Query["customer_id[]"])
            {
                var id = long.Parse(value!, CultureInfo.InvariantCulture);
                var entry = _customers.TryRemove(id, out _) ? "{\"http_status\": 204}" : "{\"http_status\": 404, \"message\": \"Customer not found.\"}";
                answer.Append(CultureInfo.InvariantCulture, $"{(first ? "" : ",")}\"{id}\": {entry}");
                first = false;
            }
        }
        else
        {
            context.Response.StatusCode = 404;
            answer.Append("\"request_id\": \"nf\", \"errors\": [{\"message\": \"Not found.\", \"code\": 404}]");
        }

        answer.Append('}');
        if (writeAnswer)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.ToString());
        }
    }
}
