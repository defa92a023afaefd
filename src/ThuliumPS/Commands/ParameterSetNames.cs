namespace ThuliumPS.Commands;

/// <summary>Parameter-set names, named once so attributes and code cannot drift apart.</summary>
internal static class ParameterSetNames
{
    /// <summary>Whole objects from the pipeline (Import-Csv rows, hashtables, PSCustomObjects).</summary>
    public const string InputObject = "InputObject";

    /// <summary>One item described by typed parameters.</summary>
    public const string Fields = "Fields";

    /// <summary>Connect-Thulium by instance name.</summary>
    public const string Instance = "Instance";

    /// <summary>Connect-Thulium by base URI.</summary>
    public const string BaseUri = "BaseUri";
}
