namespace ThuliumPS.Core.Http;

/// <summary>How a request failed when no (complete) answer arrived.</summary>
internal enum TransportFailureKind
{
    /// <summary>No connection was ever made (refused, host not found): the server cannot have acted.</summary>
    ConnectionNotEstablished,

    /// <summary>The TLS handshake failed (e.g. an untrusted certificate): no request was sent.</summary>
    SecureChannel,

    /// <summary>The connection broke after the request may have been sent: the server may have acted.</summary>
    ConnectionLost,

    /// <summary>The per-attempt timeout expired: the server may have acted.</summary>
    Timeout,
}
