using System.Net.Http.Headers;
using System.Text;
using ThuliumPS.Sandbox.Faults;
using ThuliumPS.Sandbox.State;

namespace ThuliumPS.Sandbox.Api;

/// <summary>
/// Everything every <c>/api/</c> request passes before its handler, in this order: the request log, the simulated
/// server limits (503 over <c>--max-concurrent</c>, 429 over <c>--rate-limit</c>: judged on arrival, answered after
/// the latency), the simulated latency, the fault rules, the URL-length limit (414) and HTTP Basic authentication (401).
/// </summary>
internal sealed class ApiGate(RequestDelegate next, SandboxOptions options, SandboxStore store, FaultBook faults, ApiLimits limits)
{
    /// <summary>Status logged for a request whose connection a fault rule dropped.</summary>
    public const int DroppedStatus = 0;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var entry = new SandboxRequest
        {
            Method = request.Method,
            Target = request.Path.ToUriComponent() + request.QueryString.ToUriComponent(),
            Items = await RequestItemCounter.CountAsync(context).ConfigureAwait(false),
            UserAgent = request.Headers.UserAgent.ToString(),
            Accept = request.Headers.Accept.ToString(),
        };

        // Judged as the request arrives; a request waiting out its latency counts as in progress.
        using var admission = limits.Admit();
        var drop = false;
        try
        {
            if (options.LatencyMs > 0)
            {
                await Task.Delay(options.LatencyMs, context.RequestAborted).ConfigureAwait(false);
            }

            if (admission.Status != 0)
            {
                // Refused before any handler or fault rule: the state is untouched.
                context.Response.Headers.RetryAfter = admission.RetryAfter;
                await ErrorBodies.WriteAsync(context, admission.Status, admission.Message!).ConfigureAwait(false);
                entry.Status = admission.Status;
                return;
            }

            drop = await HandleAsync(context, entry.Target).ConfigureAwait(false);
            entry.Status = drop ? DroppedStatus : context.Response.StatusCode;
        }
        finally
        {
            store.LogRequest(entry);
        }

        if (drop)
        {
            // Closed only once logged: a client that sees the drop and at once reads the state must find the request
            // in the log (closing first let a fast client read the log before the entry).
            context.Abort();
        }
    }

    /// <summary>Answers the request; true when a fault rule says to drop the connection instead (the caller closes it).</summary>
    private async Task<bool> HandleAsync(HttpContext context, string target)
    {
        var fault = faults.Take(context.Request.Method, context.Request.Path.Value ?? "");
        if (fault?.DelayMs is > 0)
        {
            await Task.Delay(fault.DelayMs.Value, context.RequestAborted).ConfigureAwait(false);
        }

        if (string.Equals(fault?.Drop, "before", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (fault?.Status is { } status)
        {
            context.Response.StatusCode = status;
            if (fault.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = fault.RetryAfter;
            }

            if (fault.Body is not null)
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.WriteAsync(fault.Body, context.RequestAborted).ConfigureAwait(false);
            }

            return false;
        }

        if (string.Equals(fault?.Drop, "after", StringComparison.OrdinalIgnoreCase))
        {
            // Let the real handler change the state, but keep its answer off the wire: the body goes to a buffer
            // that is thrown away, and the connection is then closed (by the caller) with nothing sent.
            context.Response.Body = new MemoryStream();
            await GuardedAsync(context, target).ConfigureAwait(false);
            return true;
        }

        if (fault?.DelayAfterMs is > 0)
        {
            // The handler acts now; its answer waits in a buffer. The wait ignores RequestAborted on purpose: the
            // state has changed whether or not anyone is still listening.
            var wire = context.Response.Body;
            using var held = new MemoryStream();
            context.Response.Body = held;
            await GuardedAsync(context, target).ConfigureAwait(false);
            await Task.Delay(fault.DelayAfterMs.Value).ConfigureAwait(false);
            context.Response.Body = wire;
            held.Position = 0;
            try
            {
                await held.CopyToAsync(wire, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The client is gone: the answer has nowhere to go, which is the point of the rule.
            }

            return false;
        }

        await GuardedAsync(context, target).ConfigureAwait(false);
        return false;
    }

    private async Task GuardedAsync(HttpContext context, string target)
    {
        if (target.Length > options.MaxUrlLength)
        {
            await ErrorBodies.WriteAsync(context, StatusCodes.Status414UriTooLong, $"Request target too long: {target.Length} characters (at most {options.MaxUrlLength}).").ConfigureAwait(false);
            return;
        }

        if (!Authenticated(context.Request))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Thulium API\"";
            await ErrorBodies.WriteAsync(context, StatusCodes.Status401Unauthorized, "Authorization failed: wrong user or password.").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private bool Authenticated(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            return pair == options.User + ":" + options.Password;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
