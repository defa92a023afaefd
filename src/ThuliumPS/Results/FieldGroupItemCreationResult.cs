namespace ThuliumPS.Results;

/// <summary>The result of one item given to Add-ThuliumFieldGroupItem.</summary>
public sealed class FieldGroupItemCreationResult : ThuliumItemResult
{
    /// <summary>The field group id, when valid.</summary>
    public long? GroupId { get; internal set; }

    /// <summary>The customer id, when valid.</summary>
    public long? CustomerId { get; internal set; }

    /// <summary>Id of the created item; empty unless created.</summary>
    public long? ItemId { get; internal set; }
}
