namespace ThuliumPS.Core.Endpoints;

/// <summary>An input item with its 0-based position in the command's input.</summary>
/// <typeparam name="TItem">The endpoint's item type.</typeparam>
public sealed class PlannedItem<TItem>
{
    /// <summary>Creates a planned item.</summary>
    public PlannedItem(int inputIndex, TItem item)
    {
        InputIndex = inputIndex;
        Item = item;
    }

    /// <summary>0-based position in the command's input.</summary>
    public int InputIndex { get; }

    /// <summary>The item.</summary>
    public TItem Item { get; }
}
