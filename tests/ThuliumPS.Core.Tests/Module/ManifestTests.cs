using ThuliumPS.Core.Tests.Support;

namespace ThuliumPS.Core.Tests.Module;

/// <summary>The manifest's promises (root module, editions, explicit exports, formats, one version), checked on the manifest itself.</summary>
public sealed class ManifestTests
{
    private static readonly ModuleManifest Manifest = ModuleManifest.Load(RepositoryPaths.SourceManifest);

    [Fact]
    public void Exports_exactly_the_nine_cmdlets()
    {
        string[] expected =
        [
            "Connect-Thulium", "Disconnect-Thulium", "Get-ThuliumConnection", "Get-ThuliumCustomer", "New-ThuliumCustomer",
            "Remove-ThuliumCustomer", "Remove-ThuliumCampaign", "Remove-ThuliumCrmRecord", "Add-ThuliumFieldGroupItem",
        ];
        Assert.Equal(expected.Order(), Manifest.Array("CmdletsToExport")!.Order());
    }

    [Theory]
    [InlineData("FunctionsToExport")]
    [InlineData("VariablesToExport")]
    [InlineData("AliasesToExport")]
    public void Exports_nothing_else(string key)
    {
        // An explicit empty list, not a wildcard: PowerShell's command discovery is then fast and exact.
        Assert.Empty(Manifest.Array(key)!);
    }

    [Fact]
    public void Targets_both_editions_from_Windows_PowerShell_5_1()
    {
        Assert.Equal("ThuliumPS.dll", Manifest.Scalar("RootModule"));
        Assert.Equal(["Core", "Desktop"], Manifest.Array("CompatiblePSEditions")!.Order());
        Assert.Equal("5.1", Manifest.Scalar("PowerShellVersion"));
        Assert.True(Guid.TryParse(Manifest.Scalar("GUID"), out _));
    }

    [Theory]
    [InlineData("ProjectUri")]
    [InlineData("LicenseUri")]
    [InlineData("IconUri")]
    [InlineData("HelpInfoURI")]
    public void Names_no_uri_while_there_is_no_public_repository(string key)
    {
        // A URI in the gallery metadata must point at something real; there is no public repository yet.
        Assert.Null(Manifest.Scalar(key));
    }

    [Fact]
    public void Release_notes_point_at_the_changelog_that_ships_with_the_module()
    {
        // The gallery shows ReleaseNotes; the changelog (Keep a Changelog) is staged beside the manifest.
        Assert.Contains("CHANGELOG.md", Manifest.Scalar("ReleaseNotes"), StringComparison.Ordinal);
        var changelog = File.ReadAllText(Path.Combine(RepositoryPaths.RepositoryRoot, "CHANGELOG.md"));
        Assert.StartsWith("# Changelog", changelog, StringComparison.Ordinal);
        Assert.Contains("## [Unreleased]", changelog, StringComparison.Ordinal);
    }

    [Fact]
    public void Copyright_names_the_license_that_ships_with_the_module()
    {
        var license = File.ReadAllText(Path.Combine(RepositoryPaths.RepositoryRoot, "LICENSE"));
        Assert.StartsWith("MIT License", license, StringComparison.Ordinal);
        Assert.Contains("ThuliumPS contributors", license, StringComparison.Ordinal);
        Assert.Contains("MIT", Manifest.Scalar("Copyright"), StringComparison.Ordinal);
    }
}
