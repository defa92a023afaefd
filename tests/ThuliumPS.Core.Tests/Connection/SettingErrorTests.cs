using System.Net;
using ThuliumPS.Core.Connection;
using Xunit;

namespace ThuliumPS.Core.Tests.Connection;

/// <summary>
/// Refused connection settings: a password typed into a URI (or pasted as an instance name) never reaches the error,
/// and the error names what the admin set (an environment variable; the cmdlet names its parameter from
/// <see cref="InvalidConnectionSettingException.Reason"/>), not .NET's "(Parameter 'baseUri')".
/// </summary>
public sealed class SettingErrorTests
{
    private const string Password = "api_pass";

    private static readonly NetworkCredential User = new("api_user", Password);

    [Theory]
    [InlineData("http://api_user:api_pass@127.0.0.1:5261/api/", "http://***@127.0.0.1:5261/api/")]
    [InlineData("https://u:p@ss/w#rd@acme.thulium.com/api/", "https://***@acme.thulium.com/api/")]
    [InlineData("api_user:api_pass@127.0.0.1/api", "***@127.0.0.1/api")]
    [InlineData("https://acme.thulium.com/api/", "https://acme.thulium.com/api/")]
    [InlineData("acme", "acme")]
    public void User_information_is_cut_up_to_the_last_at_sign(string given, string shown)
    {
        Assert.Equal(shown, UriText.WithoutUserInfo(given));
    }

    [Fact]
    public void A_base_uri_with_a_password_is_refused_without_echoing_it_and_without_the_dotnet_suffix()
    {
        var error = Assert.Throws<InvalidConnectionSettingException>(
            () => ThuliumConnectionSettings.ForBaseUri(new Uri("http://api_user:api_pass@127.0.0.1:5261/api/"), User));

        Assert.Equal("baseUri", error.ParamName);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", error.Reason, StringComparison.Ordinal);
        Assert.StartsWith("The base URI must not contain user information", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_instance_name_pasted_with_a_password_is_echoed_without_it()
    {
        var error = Assert.Throws<InvalidConnectionSettingException>(
            () => ThuliumConnectionSettings.ForInstance("https://api_user:api_pass@acme.thulium.com", User));

        Assert.Equal("instanceName", error.ParamName);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("'https://***@acme.thulium.com' is not a valid Thulium instance name", error.Reason, StringComparison.Ordinal);
        Assert.False(error.IsAboutCredential);
    }

    [Theory]
    [InlineData("http://api_user:api_pass@127.0.0.1:5261/api/", "THULIUM_BASE_URI: The base URI must not contain user information")]
    [InlineData("api_user:api_pass@127.0.0.1/api", "THULIUM_BASE_URI is not an absolute URI: '***@127.0.0.1/api'.")]
    [InlineData("ftp://files.example/api/", "THULIUM_BASE_URI: The base URI must be an absolute http:// or https:// URI")]
    public void THULIUM_BASE_URI_is_named_and_never_echoed_with_its_password(string value, string start)
    {
        var error = Assert.Throws<InvalidOperationException>(() => EnvironmentConnection.Read(ConnectionTests.Variables(("THULIUM_BASE_URI", value))));

        Assert.StartsWith(start, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void THULIUM_INSTANCE_and_THULIUM_API_USER_are_named_when_their_values_are_refused()
    {
        var instance = Assert.Throws<InvalidOperationException>(() => EnvironmentConnection.Read(ConnectionTests.Variables(("THULIUM_INSTANCE", "x y"))));
        Assert.StartsWith("THULIUM_INSTANCE: 'x y' is not a valid Thulium instance name", instance.Message, StringComparison.Ordinal);

        var user = Assert.Throws<InvalidOperationException>(
            () => EnvironmentConnection.Read(ConnectionTests.Variables(("THULIUM_INSTANCE", "acme"), ("THULIUM_API_USER", "a:b"))));
        Assert.StartsWith("THULIUM_API_USER: The API user name must not contain ':'", user.Message, StringComparison.Ordinal);

        // A credential the caller gave is not a variable: left for the caller (Connect-Thulium -Credential) to name.
        var given = Assert.Throws<InvalidConnectionSettingException>(
            () => EnvironmentConnection.Read(ConnectionTests.Variables(("THULIUM_INSTANCE", "acme")), new NetworkCredential("a:b", "pw")));
        Assert.True(given.IsAboutCredential);
    }
}
