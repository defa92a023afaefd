using System;

namespace ThuliumPS.Core.Connection;

/// <summary>
/// A connection setting (instance name, base URI, API user) cannot be used. An <see cref="ArgumentException"/> whose
/// <see cref="ArgumentException.ParamName"/> names the .NET parameter, as callers of the engine expect; the
/// PowerShell layer names its own parameter or environment variable instead, so it needs the reason without
/// .NET's " (Parameter '…')" suffix, which <see cref="Reason"/> gives.
/// </summary>
public sealed class InvalidConnectionSettingException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public InvalidConnectionSettingException()
    {
        Reason = Message;
    }

    /// <summary>Creates the exception.</summary>
    public InvalidConnectionSettingException(string message)
        : base(message)
    {
        Reason = message;
    }

    /// <summary>Creates the exception.</summary>
    public InvalidConnectionSettingException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>Creates the exception for the parameter <paramref name="paramName"/>.</summary>
    public InvalidConnectionSettingException(string reason, string paramName)
        : base(reason, paramName)
    {
        Reason = reason;
    }

    /// <summary>Why the setting cannot be used, in a sentence that names no parameter.</summary>
    public string Reason { get; }

    /// <summary>
    /// True when the API user is refused (<see cref="ThuliumConnectionSettings"/> names that parameter
    /// <c>credential</c>): the caller says where the user came from, a parameter or THULIUM_API_USER.
    /// </summary>
    public bool IsAboutCredential => ParamName == "credential";
}
