namespace ThuliumPS.Core.Input;

/// <summary>An input item turned into a request item, or the reason it cannot be (one message naming every problem).</summary>
/// <typeparam name="T">The request item type.</typeparam>
public sealed class InputResult<T>
{
    private InputResult(T? value, string? error, T? partial = default, bool hasPartial = false)
    {
        Value = value;
        Error = error;
        Partial = partial;
        this.hasPartial = hasPartial;
    }

    // Whether a refused item came with what could be read of it. Not "Partial is not null": for a value type (a
    // customer id is a long) T? is T itself, so "nothing could be read" would be a 0 that looks like a real id.
    private readonly bool hasPartial;

    /// <summary>True when <see cref="Value"/> holds the item.</summary>
    public bool IsValid => Error is null;

    /// <summary>The item, when valid.</summary>
    public T? Value { get; }

    /// <summary>Why the item was refused, when not valid.</summary>
    public string? Error { get; }

    /// <summary>
    /// What could be read of a refused item (e.g. a customer's names), so its result can still say which row it
    /// was; default when nothing could be.
    /// </summary>
    public T? Partial { get; }

    /// <summary>
    /// The item when valid, or what could be read of a refused one; false when neither (a refused id), so that
    /// nothing is filled in from a default value.
    /// </summary>
    public bool TryGetKnown(out T known)
    {
        known = (IsValid ? Value : Partial)!;
        return IsValid || hasPartial;
    }

    /// <summary>A valid item.</summary>
    public static InputResult<T> Valid(T value) => new(value, null);

    /// <summary>A refused item.</summary>
    public static InputResult<T> Invalid(string error) => new(default, error);

    /// <summary>A refused item, with what could be read of it.</summary>
    public static InputResult<T> Invalid(string error, T? partial) => new(default, error, partial, partial is not null);
}
