using System;
using System.Net;

namespace ThuliumPS.Core.Connection;

/// <summary>
/// Connection settings for unattended use without Connect-Thulium, from environment variables:
/// <c>THULIUM_BASE_URI</c> (or <c>THULIUM_INSTANCE</c>), <c>THULIUM_API_USER</c>, <c>THULIUM_API_PASSWORD</c>, and
/// <c>THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION=true</c> for a plain-http base URI such as the sandbox's.
/// </summary>
public static class EnvironmentConnection
{
    /// <summary>The base URI variable.</summary>
    public const string BaseUriVariable = "THULIUM_BASE_URI";

    /// <summary>The instance-name variable (used when no base URI is set).</summary>
    public const string InstanceVariable = "THULIUM_INSTANCE";

    /// <summary>The API user variable.</summary>
    public const string UserVariable = "THULIUM_API_USER";

    /// <summary>The password variable.</summary>
    public const string PasswordVariable = "THULIUM_API_PASSWORD";

    /// <summary>Set to true to allow a plain http:// base URI.</summary>
    public const string AllowUnencryptedVariable = "THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION";

    /// <summary>What to tell a user who has no connection at all.</summary>
    public const string HowToConnect =
        "Not connected to Thulium. Run Connect-Thulium -Instance <name> -Credential <api user> (or -BaseUri <uri>), pass -Connection, "
        + "or set the environment variables THULIUM_INSTANCE (or THULIUM_BASE_URI), THULIUM_API_USER and THULIUM_API_PASSWORD.";

    /// <summary>True when any of the connection variables is set.</summary>
    public static bool IsConfigured(Func<string, string?> getVariable)
    {
        if (getVariable is null) throw new ArgumentNullException(nameof(getVariable));
        return !string.IsNullOrEmpty(getVariable(BaseUriVariable)) || !string.IsNullOrEmpty(getVariable(InstanceVariable));
    }

    /// <summary>The settings the variables describe.</summary>
    /// <exception cref="InvalidOperationException">A variable is missing or invalid; the message names it (never the password).</exception>
    public static ThuliumConnectionSettings Read(Func<string, string?> getVariable)
    {
        if (getVariable is null) throw new ArgumentNullException(nameof(getVariable));
        var user = getVariable(UserVariable);
        var password = getVariable(PasswordVariable);
        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException($"Set both {UserVariable} and {PasswordVariable} to connect from the environment.");
        }

        var credential = new NetworkCredential(user, password);
        var baseUri = getVariable(BaseUriVariable);
        ThuliumConnectionSettings settings;
        if (!string.IsNullOrEmpty(baseUri))
        {
            if (!Uri.TryCreate(baseUri, UriKind.Absolute, out var uri))
            {
                throw new InvalidOperationException($"{BaseUriVariable} is not an absolute URI: '{baseUri}'.");
            }

            settings = ThuliumConnectionSettings.ForBaseUri(uri, credential);
        }
        else
        {
            var instance = getVariable(InstanceVariable);
            if (string.IsNullOrEmpty(instance))
            {
                throw new InvalidOperationException(HowToConnect);
            }

            settings = ThuliumConnectionSettings.ForInstance(instance!, credential);
        }

        var allow = getVariable(AllowUnencryptedVariable);
        return settings with { AllowUnencryptedAuthentication = string.Equals(allow, "true", StringComparison.OrdinalIgnoreCase) || allow == "1" };
    }
}
