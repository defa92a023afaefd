using System;

namespace ThuliumPS.Core.Journal;

/// <summary>
/// The journal cannot be opened, read or written. A run cannot go on safely without its journal (a re-run would not
/// know what this one sent), so the command stops; the inner exception says what the file system said.
/// </summary>
public sealed class JournalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JournalException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
