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

    /// <inheritdoc/>
    internal override string? Label => (CustomerId, GroupId) switch
    {
        ({ } customer, { } group) => "customer " + customer.ToString(System.Globalization.CultureInfo.InvariantCulture) + " in group " + group.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ({ } customer, null) => "customer " + customer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        (null, { } group) => "group " + group.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };
}
