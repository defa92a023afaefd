namespace ThuliumPS.Results;

/// <summary>The result of one customer given to New-ThuliumCustomer. Pipe it to Remove-ThuliumCustomer to undo.</summary>
public sealed class CustomerCreationResult : ThuliumItemResult
{
    /// <summary>Id of the created customer; empty unless created.</summary>
    public long? CustomerId { get; internal set; }

    /// <summary>First name as sent.</summary>
    public string? Name { get; internal set; }

    /// <summary>Last name as sent.</summary>
    public string? Surname { get; internal set; }

    /// <inheritdoc/>
    internal override string? Label =>
        string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Surname) ? null : "customer '" + (Name + " " + Surname).Trim() + "'";
}
