using System;
using System.Collections.Generic;
using ThuliumPS.Core.Diagnostics;

namespace ThuliumPS.Core.Input;

/// <summary>
/// The "maps to nothing" warnings of one command run, shared by the row mappers so that every cmdlet reports a
/// column it does not read alike: once per command, however many rows have it (a large import would otherwise
/// bury the one line that matters), never silently. Used from one thread (the pipeline thread).
/// </summary>
internal sealed class UnmappedColumns
{
    private readonly IEngineLog log;
    private readonly string mapsTo;
    private readonly HashSet<string> ignored = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> warned = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the warnings of one command run.</summary>
    /// <param name="log">Where the warnings go.</param>
    /// <param name="mapsTo">What the column maps to, for the message: "Column 'x' maps to {mapsTo} and is ignored."</param>
    /// <param name="ignoredColumns">Columns the caller consumes itself (never reported).</param>
    public UnmappedColumns(IEngineLog log, string mapsTo, IEnumerable<string>? ignoredColumns = null)
    {
        this.log = log ?? throw new ArgumentNullException(nameof(log));
        this.mapsTo = mapsTo ?? throw new ArgumentNullException(nameof(mapsTo));
        foreach (var column in ignoredColumns ?? [])
        {
            ignored.Add(column);
        }
    }

    /// <summary>Reports <paramref name="column"/>, unless it was reported before in this run or is ignored.</summary>
    public void Report(string column)
    {
        if (column is null) throw new ArgumentNullException(nameof(column));

        // A column named 'name;surname;…' is a whole line read with the wrong delimiter: InputItem refuses the row
        // with advice, so a warning about the column would only add noise.
        if (!ignored.Contains(column) && column.IndexOfAny([';', '\t']) < 0 && warned.Add(column))
        {
            log.Warning($"Column '{column}' maps to {mapsTo} and is ignored.");
        }
    }
}
