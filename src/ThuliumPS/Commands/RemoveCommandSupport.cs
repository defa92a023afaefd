namespace ThuliumPS.Commands;

/// <summary>Shared wording of the Remove cmdlets' ShouldProcess.</summary>
internal static class RemoveCommandSupport
{
    public const string Action = "Remove";
}
