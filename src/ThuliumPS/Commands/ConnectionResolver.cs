using System;
using System.Management.Automation;
using ThuliumPS.Connection;
using ThuliumPS.Core.Connection;
using ThuliumPS.Errors;

namespace ThuliumPS.Commands;

/// <summary>
/// Which connection a command uses: -Connection, else the runspace's default (Connect-Thulium), else one made
/// from the THULIUM_* environment variables. One rule for every command that talks to the API.
/// </summary>
internal static class ConnectionResolver
{
    /// <summary>
    /// The connection, or null with the terminating error to throw (ThuliumNotConnected, ThuliumInvalidConnection).
    /// </summary>
    /// <param name="given">The -Connection parameter.</param>
    /// <param name="userAgentFragment">The User-Agent fragment, for a connection made from the environment.</param>
    /// <param name="madeFromEnvironment">
    /// True when the connection was made here from the environment: nobody else can hold it, so the command closes it.
    /// </param>
    /// <param name="error">Why there is none.</param>
    public static ThuliumConnection? TryResolve(ThuliumConnection? given, Func<string> userAgentFragment, out bool madeFromEnvironment, out ErrorRecord? error)
    {
        madeFromEnvironment = false;
        error = null;
        if (given is not null)
        {
            return given;
        }

        if (ConnectionStore.Current is { } current)
        {
            return current;
        }

        if (!EnvironmentConnection.IsConfigured(Environment.GetEnvironmentVariable))
        {
            error = ErrorRecords.Terminating(new InvalidOperationException(EnvironmentConnection.HowToConnect), ErrorIds.NotConnected, ErrorCategory.ConnectionError);
            return null;
        }

        try
        {
            var settings = EnvironmentConnection.Read(Environment.GetEnvironmentVariable) with { UserAgentFragment = userAgentFragment() };
            var connection = ThuliumConnection.Create(settings);
            madeFromEnvironment = true;
            return connection;
        }
        catch (Exception failure) when (failure is InvalidOperationException or ArgumentException)
        {
            error = ErrorRecords.Terminating(failure, ErrorIds.InvalidConnection, ErrorCategory.InvalidArgument);
            return null;
        }
    }
}
