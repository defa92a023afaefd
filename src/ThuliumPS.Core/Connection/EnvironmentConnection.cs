using System;
using System.Collections.Generic;
using System.Net;
using ThuliumPS.Core.Input;

namespace ThuliumPS.Core.Connection;

/// <summary>
/// Connection settings for unattended use without Connect-Thulium, from environment variables:
/// <c>THULIUM_BASE_URI</c> (or <c>THULIUM_INSTANCE</c>), <c>THULIUM_API_USER</c>, <c>THULIUM_API_PASSWORD</c>, and
/// <c>THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION=true</c> (or yes, 1, tak) for a plain-http base URI such as the sandbox's.
/// The one reader of these variables: the bulk cmdlets without a connection and Connect-Thulium without a target both use it.
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

    /// <summary>Set to true (or yes, 1, tak) to allow a plain http:// base URI.</summary>
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
    public static ThuliumConnectionSettings Read(Func<string, string?> getVariable) => Read(getVariable, null);

    /// <summary>
    /// The settings the variables describe, with <paramref name="credential"/> (when given) in place of
    /// <c>THULIUM_API_USER</c>/<c>THULIUM_API_PASSWORD</c> — Connect-Thulium with -Credential and no target.
    /// </summary>
    /// <exception cref="InvalidOperationException">A variable is missing or invalid; the message names it (never the password).</exception>
    public static ThuliumConnectionSettings Read(Func<string, string?> getVariable, NetworkCredential? credential)
    {
        if (getVariable is null) throw new ArgumentNullException(nameof(getVariable));

        // The target first: with nothing set at all, how to connect is the useful answer, not a missing password.
        var baseUri = getVariable(BaseUriVariable);
        var instance = getVariable(InstanceVariable);
        if (string.IsNullOrEmpty(baseUri) && string.IsNullOrEmpty(instance))
        {
            throw new InvalidOperationException(HowToConnect);
        }

        var userFromVariables = credential is null;
        credential ??= ReadCredential(getVariable);
        var target = string.IsNullOrEmpty(baseUri) ? InstanceVariable : BaseUriVariable;
        ThuliumConnectionSettings settings;
        try
        {
            if (target == BaseUriVariable)
            {
                if (!Uri.TryCreate(baseUri, UriKind.Absolute, out var uri))
                {
                    // Echoed without user information: a password typed into the variable must not reach $Error.
                    throw new InvalidOperationException($"{BaseUriVariable} is not an absolute URI: '{UriText.WithoutUserInfo(baseUri!)}'.");
                }

                settings = ThuliumConnectionSettings.ForBaseUri(uri, credential);
            }
            else
            {
                settings = ThuliumConnectionSettings.ForInstance(instance!, credential);
            }
        }
        catch (InvalidConnectionSettingException error) when (userFromVariables || !error.IsAboutCredential)
        {
            // The admin fixes a variable, not a .NET parameter: name the variable that holds the refused value.
            // A credential the caller gave (Connect-Thulium -Credential) is left for the caller to name.
            throw new InvalidOperationException((error.IsAboutCredential ? UserVariable : target) + ": " + error.Reason, error);
        }

        return settings with
        {
            AllowUnencryptedAuthentication = ReadAllowUnencrypted(getVariable),
            UnencryptedOptIn = "set " + AllowUnencryptedVariable + "=true",
        };
    }

    /// <summary>The API user from <c>THULIUM_API_USER</c> and <c>THULIUM_API_PASSWORD</c>.</summary>
    /// <exception cref="InvalidOperationException">Either is missing; the message names both (never the password).</exception>
    public static NetworkCredential ReadCredential(Func<string, string?> getVariable)
    {
        if (getVariable is null) throw new ArgumentNullException(nameof(getVariable));
        var user = getVariable(UserVariable);
        var password = getVariable(PasswordVariable);
        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException($"No API user: set both {UserVariable} and {PasswordVariable}, or give Connect-Thulium -Credential.");
        }

        return new NetworkCredential(user, password);
    }

    /// <summary>
    /// THULIUM_ALLOW_UNENCRYPTED_AUTHENTICATION, read with the same text booleans as CSV input (true/false, 1/0,
    /// yes/no, tak/nie); anything else is an error rather than a silent "no", so a typo does not turn into a
    /// confusing refusal of http further on. Unset is false.
    /// </summary>
    /// <exception cref="InvalidOperationException">The variable is set to something that is not a boolean.</exception>
    public static bool ReadAllowUnencrypted(Func<string, string?> getVariable)
    {
        var text = getVariable(AllowUnencryptedVariable);
        var errors = new List<string>(1);
        var allow = InputValues.Boolean(AllowUnencryptedVariable, text, errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{AllowUnencryptedVariable} is '{text}', which is not a boolean: use {InputValues.BooleanForms}.");
        }

        return allow ?? false;
    }
}
