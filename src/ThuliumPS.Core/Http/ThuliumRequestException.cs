using System;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Http;

/// <summary>
/// A request to the Thulium API failed as a whole outside the batch endpoints' per-item mapping (e.g. the
/// credential check of Connect-Thulium). Messages never contain the password or the Authorization header.
/// </summary>
public class ThuliumRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ThuliumRequestException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ThuliumRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ThuliumRequestException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the details of the failed request.</summary>
    public ThuliumRequestException(string message, FailureReason reason, int? statusCode, string? requestId, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    /// <summary>Why the request failed.</summary>
    public FailureReason Reason { get; }

    /// <summary>The HTTP status of the answer; null when no answer arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>The <c>request_id</c> of the server's error body, needed when reporting errors to Thulium.</summary>
    public string? RequestId { get; }
}
