using ThuliumPS.Core.Tests.Support;

namespace ThuliumPS.Core.Tests.Module;

/// <summary>The cmdlets as PowerShell will see them: names, safety switches, output types.</summary>
public sealed class CmdletMetadataTests
{
    private static readonly string[] BulkCmdlets = ["New-ThuliumCustomer", "Remove-ThuliumCustomer", "Remove-ThuliumCampaign", "Remove-ThuliumCrmRecord", "Add-ThuliumFieldGroupItem"];

    private static CmdletInfo Cmdlet(string name) => CmdletMetadata.Cmdlets.Single(c => c.Name == name);

    [Fact]
    public void The_assembly_defines_exactly_the_cmdlets_the_manifest_exports()
    {
        var exported = ModuleManifest.Load(RepositoryPaths.SourceManifest).Array("CmdletsToExport")!;

        Assert.Equal(exported.Order(), CmdletMetadata.Cmdlets.Select(c => c.Name).Order());
    }

    [Theory]
    [MemberData(nameof(Bulk))]
    public void Every_bulk_cmdlet_supports_WhatIf_and_Confirm(string name)
    {
        Assert.Equal(true, Cmdlet(name).Attribute["SupportsShouldProcess"]);
    }

    [Theory]
    [InlineData("Remove-ThuliumCustomer")]
    [InlineData("Remove-ThuliumCampaign")]
    [InlineData("Remove-ThuliumCrmRecord")]
    public void Deletes_are_high_impact_with_Force(string name)
    {
        var cmdlet = Cmdlet(name);

        Assert.Equal(3, Convert.ToInt32(cmdlet.Attribute["ConfirmImpact"], System.Globalization.CultureInfo.InvariantCulture)); // ConfirmImpact.High
        Assert.Contains(cmdlet.Parameters, p => p.Name == "Force");
    }

    [Theory]
    [MemberData(nameof(Bulk))]
    public void Every_bulk_cmdlet_takes_a_connection_and_declares_a_typed_result(string name)
    {
        var cmdlet = Cmdlet(name);

        Assert.Contains(cmdlet.Parameters, p => p.Name == "Connection");
        var output = Assert.Single(cmdlet.OutputTypes);
        Assert.StartsWith("ThuliumPS.Results.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void No_public_member_of_the_cmdlet_assembly_exposes_Core_dependencies()
    {
        // Core's dependencies never show on the cmdlets' public surface (the reference check covers the rest).
        var exposed = CmdletMetadata.Cmdlets.SelectMany(c => c.Type.GetProperties()).Select(p => p.PropertyType.Assembly.GetName().Name)
            .Where(n => n is "System.Text.Json" or "Polly.Core");

        Assert.Empty(exposed);
    }

    public static TheoryData<string> Bulk() => new(BulkCmdlets);
}

/// <summary>The format file is well-formed and names only types the module defines.</summary>
public sealed class FormatFileTests
{
    [Fact]
    public void Views_select_existing_types_and_every_result_type_has_one()
    {
        var document = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryPaths.StagedModule, "ThuliumPS.Format.ps1xml"));
        var selected = document.Descendants("TypeName").Select(t => t.Value).ToList();
        var moduleAssembly = CmdletMetadata.Cmdlets[0].Type.Assembly;
        // The output types, and every public object type of ThuliumPS.Results: the run summary is written to the
        // Information stream, so it is named in no [OutputType], yet users see it with Format-List too.
        var resultTypes = CmdletMetadata.Cmdlets.SelectMany(c => c.OutputTypes).Where(t => t.StartsWith("ThuliumPS.", StringComparison.Ordinal))
            .Concat(moduleAssembly.GetExportedTypes().Where(t => t.Namespace == "ThuliumPS.Results" && t.IsClass && !t.IsAbstract).Select(t => t.FullName!))
            .Distinct().ToList();
        var moduleTypes = moduleAssembly.GetTypes().Select(t => t.FullName).ToHashSet();

        Assert.Contains("ThuliumPS.Results.ThuliumRunSummary", resultTypes);

        Assert.All(selected, t => Assert.Contains(t, moduleTypes));
        Assert.All(resultTypes, t => Assert.Contains(t, selected));
    }
}
