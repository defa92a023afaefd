using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ThuliumPS.Core.Input;
using ThuliumPS.Core.Tests.Support;

namespace ThuliumPS.Core.Tests.Module;

/// <summary>The MAML help shipped in the staged module documents every cmdlet and parameter the code declares.</summary>
public sealed class HelpTests
{
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly string[] BulkCmdlets = ["New-ThuliumCustomer", "Remove-ThuliumCustomer", "Remove-ThuliumCampaign", "Remove-ThuliumCrmRecord", "Add-ThuliumFieldGroupItem"];

    private static readonly Lazy<XDocument> Maml_ = new(() => XDocument.Load(Path.Combine(RepositoryPaths.StagedModule, "en-US", "ThuliumPS.dll-Help.xml")));

    private static XElement HelpOf(string cmdlet) =>
        Maml_.Value.Descendants(Command + "command").SingleOrDefault(c => c.Element(Command + "details")?.Element(Command + "name")?.Value == cmdlet)
        ?? throw new Xunit.Sdk.XunitException($"No help for {cmdlet}");

    public static TheoryData<string> AllCmdlets() => new(CmdletMetadata.Cmdlets.Select(c => c.Name));

    public static TheoryData<string> Bulk() => new(BulkCmdlets);

    [Theory]
    [MemberData(nameof(AllCmdlets))]
    public void Every_cmdlet_has_a_synopsis_a_description_and_two_examples(string cmdlet)
    {
        var help = HelpOf(cmdlet);

        Assert.False(string.IsNullOrWhiteSpace(help.Element(Command + "details")!.Element(Maml + "description")!.Value));
        Assert.False(string.IsNullOrWhiteSpace(help.Element(Maml + "description")!.Value));
        Assert.True(help.Descendants(Command + "example").Count() >= 2, $"{cmdlet} needs at least two examples");
    }

    [Theory]
    [MemberData(nameof(AllCmdlets))]
    public void Every_parameter_in_the_code_is_documented_and_no_documented_one_is_stale(string cmdlet)
    {
        var declared = DeclaredParameters(CmdletMetadata.Cmdlets.Single(c => c.Name == cmdlet)).Order().ToList();
        var documented = HelpOf(cmdlet).Element(Command + "parameters")!.Elements(Command + "parameter")
            .ToDictionary(p => p.Element(Maml + "name")!.Value, p => p.Element(Maml + "description")!.Value);

        Assert.Equal(declared, documented.Keys.Order());
        Assert.All(documented, p => Assert.False(string.IsNullOrWhiteSpace(p.Value), $"{cmdlet} -{p.Key} has no description"));
    }

    [Theory]
    [MemberData(nameof(AllCmdlets))]
    public void There_is_one_syntax_block_per_parameter_set_with_exactly_its_parameters(string cmdlet)
    {
        var expected = ParameterSets(CmdletMetadata.Cmdlets.Single(c => c.Name == cmdlet))
            .Select(set => string.Join(" ", set.Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
        var documented = HelpOf(cmdlet).Descendants(Command + "syntaxItem")
            .Select(item => string.Join(" ", item.Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value).Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(expected, documented);
    }

    [Theory]
    [MemberData(nameof(AllCmdlets))]
    public void No_paragraph_is_left_dangling_by_a_lost_reference(string cmdlet)
    {
        // A <see cref> or <c> dropped when help was generated from doc comments leaves "…, like ." behind.
        var broken = HelpOf(cmdlet).Descendants(Maml + "para").Select(p => p.Value)
            .Where(text => DanglingPhrase.IsMatch(text))
            .ToList();

        Assert.Empty(broken);
    }

    [Theory]
    [MemberData(nameof(Bulk))]
    public void Every_bulk_cmdlet_shows_an_Import_Csv_pipeline_and_a_WhatIf_rehearsal(string cmdlet)
    {
        var code = HelpOf(cmdlet).Descendants(Dev + "code").Select(c => c.Value).ToList();

        Assert.Contains(code, c => c.Contains("Import-Csv", StringComparison.Ordinal));
        Assert.Contains(code, c => c.Contains("-WhatIf", StringComparison.Ordinal));
    }

    [Fact]
    public void The_date_forms_in_the_help_the_about_topic_and_the_error_message_are_exactly_the_accepted_ones()
    {
        // What the engine accepts, found by behaviour: each listed form parses, and the refusal names the same list.
        var errors = new List<string>();
        Assert.Null(InputValues.Date("birthdate", "yesterday", errors));
        var fromMessage = DateFormsIn(Assert.Single(errors));
        Assert.Equal(InputValues.DateForms.Order(StringComparer.Ordinal), fromMessage);
        var sample = new DateTime(2024, 3, 5, 14, 30, 15, DateTimeKind.Unspecified);
        Assert.All(fromMessage, form => Assert.Equal("2024-03-05", InputValues.Date("birthdate", sample.ToString(form, CultureInfo.InvariantCulture), new List<string>())));
        Assert.Null(InputValues.Date("birthdate", "03/05/2024", new List<string>()));

        var newCustomer = HelpOf("New-ThuliumCustomer");
        var description = newCustomer.Element(Maml + "description")!.Elements(Maml + "para").Single(p => p.Value.Contains("birthdate", StringComparison.Ordinal)).Value;
        var birthdate = newCustomer.Element(Command + "parameters")!.Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Birthdate").Element(Maml + "description")!.Value;
        var about = File.ReadAllText(Path.Combine(RepositoryPaths.StagedModule, "en-US", "about_ThuliumPS.help.txt"));

        Assert.Equal(fromMessage, DateFormsIn(description));
        Assert.Equal(fromMessage, DateFormsIn(birthdate));
        Assert.Equal(fromMessage, DateFormsIn(about));
    }

    private static readonly Regex DateForm = new(@"(?:yyyy|dd)[-./]MM[-./](?:dd|yyyy)(?:[T ]HH:mm:ss)?", RegexOptions.CultureInvariant);

    private static List<string> DateFormsIn(string text) =>
        DateForm.Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The parameters a user sees: the declared ones, plus -WhatIf/-Confirm where ShouldProcess is supported.</summary>
    private static IEnumerable<string> DeclaredParameters(CmdletInfo cmdlet) =>
        cmdlet.Parameters.Select(p => p.Name).Concat(ShouldProcessParameters(cmdlet));

    private static IEnumerable<string> ShouldProcessParameters(CmdletInfo cmdlet) =>
        cmdlet.Attribute.TryGetValue("SupportsShouldProcess", out var value) && value is true ? ["WhatIf", "Confirm"] : [];

    /// <summary>Each parameter set's parameter names, as PowerShell builds them from the [Parameter] attributes.</summary>
    private static IEnumerable<IReadOnlyList<string>> ParameterSets(CmdletInfo cmdlet)
    {
        const string AllSets = "__AllParameterSets";
        var membership = cmdlet.Parameters.Select(p => (p.Name, Sets: p.GetCustomAttributesData()
                .Where(a => a.AttributeType.Name == "ParameterAttribute")
                .Select(a => a.NamedArguments.Where(n => n.MemberName == "ParameterSetName").Select(n => (string)n.TypedValue.Value!).FirstOrDefault() ?? AllSets)
                .ToList()))
            .ToList();
        var named = membership.SelectMany(m => m.Sets).Where(s => s != AllSets).Distinct().ToList();

        // A default set that no parameter names (Connect-Thulium's Environment: no arguments at all) is a set too.
        if (named.Count > 0 && cmdlet.Attribute.TryGetValue("DefaultParameterSetName", out var defaultSet) && defaultSet is string name && !named.Contains(name))
        {
            named.Add(name);
        }

        var sets = named.Count > 0 ? named : [AllSets];
        return sets.Select(set => (IReadOnlyList<string>)membership
            .Where(m => m.Sets.Contains(set) || m.Sets.Contains(AllSets))
            .Select(m => m.Name)
            .Concat(ShouldProcessParameters(cmdlet))
            .ToList());
    }

    // Space before punctuation ("like .", "such as , ") or a sentence ending on a word that needs an object.
    private static readonly Regex DanglingPhrase = new(
        @"(\s[.,;:)](\s|$))|(\b(like|see|such as|e\.g\.|than|via|named|called)\.\s*$)|\(\s*\)",
        RegexOptions.CultureInvariant);

    [Theory]
    [InlineData("about_ThuliumPS.help.txt")]
    [InlineData("about_ThuliumPS_Reliability.help.txt")]
    public void The_about_topics_are_staged(string topic)
    {
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.StagedModule, "en-US", topic)));
    }
}
