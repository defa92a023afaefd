using System;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Http;

/// <summary>
/// The server answered 401 (wrong user or password: <see cref="FailureReason.Unauthorized"/>) or 403 (the API
/// user may not call this method: <see cref="FailureReason.Forbidden"/>). Nothing more can succeed with this
/// connection for this method, so the runner turns it into one terminating error instead of one error per item.
/// The message names the user and base URI, never the password.
/// </summary>
public sealed class ThuliumAuthenticationException : ThuliumRequestException
{
    /// <summary>Creates the exception.</summary>
    public ThuliumAuthenticationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ThuliumAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ThuliumAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the details of the refused request.</summary>
    public ThuliumAuthenticationException(string message, FailureReason reason, int statusCode, string? requestId)
        : base(message, reason, statusCode, requestId)
    {
    }

    /// <summary>How many attempts the refused request took (at least 1: the refusal is an answer to one).</summary>
    public int Attempts { get; init; }
}
