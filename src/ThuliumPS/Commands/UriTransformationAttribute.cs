using System;
using System.Management.Automation;
using ThuliumPS.Core.Connection;

namespace ThuliumPS.Commands;

/// <summary>
/// Turns text into a <see cref="Uri"/> for a -BaseUri parameter. PowerShell's own conversion, when it fails, puts
/// the whole text in its binding error ("Cannot convert value "http://user:password@…" to type System.Uri"), and
/// from there into $Error and transcripts; this one names the text without its user information.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class UriTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is not string text)
        {
            return inputData;
        }

        // RelativeOrAbsolute, as PowerShell converts: a relative or non-http URI binds, and Connect-Thulium then
        // refuses it with its own message.
        try
        {
            return new Uri(text, UriKind.RelativeOrAbsolute);
        }
        catch (UriFormatException error)
        {
            throw new ArgumentTransformationMetadataException(
                "'" + UriText.WithoutUserInfo(text) + "' is not a URI: " + error.Message,
                error);
        }
    }
}
