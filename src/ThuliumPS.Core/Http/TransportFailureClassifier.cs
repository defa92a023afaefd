using System;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Polly.Timeout;

namespace ThuliumPS.Core.Http;

/// <summary>
/// Tells from an exception whether the request can have reached the server. Only failures that happen before a
/// connection exists count as "not established"; anything else may have delivered the request, so a create that
/// fails that way is reported as unknown and never resent (a resend could create a duplicate).
/// </summary>
internal static class TransportFailureClassifier
{
    /// <summary>Classifies a transport exception (anything but user cancellation).</summary>
    public static TransportFailureKind Classify(Exception exception)
    {
        if (exception is TimeoutRejectedException or TimeoutException)
        {
            return TransportFailureKind.Timeout;
        }

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case AuthenticationException:
                    return TransportFailureKind.SecureChannel;
                case SocketException socket when IsConnectPhase(socket.SocketErrorCode):
                    return TransportFailureKind.ConnectionNotEstablished;
                // .NET Framework (Windows PowerShell 5.1) reports connect failures through WebException.
                case WebException web when web.Status is WebExceptionStatus.ConnectFailure or WebExceptionStatus.NameResolutionFailure:
                    return TransportFailureKind.ConnectionNotEstablished;
                case WebException web when web.Status is WebExceptionStatus.TrustFailure or WebExceptionStatus.SecureChannelFailure:
                    return TransportFailureKind.SecureChannel;
            }
        }

        return TransportFailureKind.ConnectionLost;
    }

    /// <summary>True when the failure can only have happened before a request could be sent.</summary>
    public static bool NeverReachedServer(TransportFailureKind kind)
        => kind is TransportFailureKind.ConnectionNotEstablished or TransportFailureKind.SecureChannel;

    // Socket errors that only occur while connecting or resolving the host. ConnectionReset/ConnectionAborted are
    // deliberately absent: they also happen after the request was written.
    private static bool IsConnectPhase(SocketError error)
        => error is SocketError.ConnectionRefused
            or SocketError.HostNotFound
            or SocketError.HostUnreachable
            or SocketError.NetworkUnreachable
            or SocketError.NoData
            or SocketError.TryAgain
            or SocketError.AddressNotAvailable;
}
