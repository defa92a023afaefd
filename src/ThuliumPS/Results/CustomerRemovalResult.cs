namespace ThuliumPS.Results;

/// <summary>The result of one customer id given to Remove-ThuliumCustomer.</summary>
public sealed class CustomerRemovalResult : ThuliumItemResult
{
    /// <summary>The customer id, when the input was a valid one.</summary>
    public long? CustomerId { get; internal set; }

    /// <inheritdoc/>
    internal override string? Label => CustomerId is { } id ? "customer " + id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
}
