using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Http;

namespace ThuliumPS.Core.Endpoints;

/// <summary>
/// <c>GET customers?limit=1</c>: the cheapest documented authenticated read, used to check a connection's
/// credentials before anything else is sent.
/// </summary>
public static class CredentialCheck
{
    private const string Target = "customers?limit=1";

    /// <summary>Checks the credentials of <paramref name="client"/> (retried like any idempotent request).</summary>
    /// <exception cref="ThuliumAuthenticationException">401 (wrong user or password) or 403 (no permission for GET customers).</exception>
    /// <exception cref="ThuliumRequestException">No connection, a timeout, or any other non-2xx answer.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static async Task ValidateAsync(ThuliumClient client, IEngineLog? log, CancellationToken cancellationToken)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        var request = new ThuliumRequest(HttpMethod.Get, Target, null, "GET customers", 0);
        var exchange = await client.SendAsync(request, log ?? NullEngineLog.Instance, cancellationToken).ConfigureAwait(false);
        if (exchange.IsSuccessStatus)
        {
            return;
        }

        var failure = RequestFailure.Classify(exchange);
        throw new ThuliumRequestException(
            "Could not verify the connection to " + client.Settings.BaseUri.AbsoluteUri + ": " + failure.Message,
            failure.Reason,
            exchange.StatusCode,
            failure.RequestId,
            exchange.Exception);
    }
}
