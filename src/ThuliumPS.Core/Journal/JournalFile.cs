using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using ThuliumPS.Core.Diagnostics;

namespace ThuliumPS.Core.Journal;

/// <summary>
/// A journal file: JSON Lines, append-only, one <see cref="JournalEntry"/> per line. Opening reads what earlier runs
/// wrote (<see cref="State"/>); <see cref="Append"/> adds lines; <see cref="Flush"/> puts them on disk (fsync).
/// </summary>
/// <remarks>
/// <para>A crash can leave the last line torn (written in part). Reading skips a line that does not parse, with a
/// verbose note, and opening for writing first ends a torn line, so the next entry starts on a line of its own.</para>
/// <para>One writer at a time: a writer holds an exclusive lock on <c>&lt;path&gt;.lock</c> (a separate file, so that
/// readers such as Get-Content can read the journal while a run writes it). A second command on the same journal
/// fails at once instead of sending the same items. The operating system drops the lock when the process ends,
/// however it ends, so a killed run never leaves the journal locked; the empty lock file is left in place.</para>
/// <para>Not thread-safe: one thread (PowerShell's pipeline thread) writes.</para>
/// </remarks>
public sealed class JournalFile : IDisposable
{
    private static readonly byte[] NewLine = [(byte)'\n'];
    private readonly FileStream? stream;
    private readonly FileStream? lockFile;
    private bool dirty;

    private JournalFile(string path, JournalState state, FileStream? stream, FileStream? lockFile)
    {
        Path = path;
        State = state;
        this.stream = stream;
        this.lockFile = lockFile;
    }

    /// <summary>The journal's full path.</summary>
    public string Path { get; }

    /// <summary>What the file held when it was opened.</summary>
    public JournalState State { get; }

    /// <summary>True when opened only to read (-WhatIf): nothing can be appended.</summary>
    public bool IsReadOnly => stream is null;

    /// <summary>
    /// Opens (or creates) the journal for a run that sends: takes the writer's lock, reads the entries, and ends a
    /// torn last line.
    /// </summary>
    /// <exception cref="JournalException">The file or its lock cannot be opened (another run holds it, no such folder, no access).</exception>
    public static JournalFile OpenForWriting(string path, IEngineLog log)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        if (log is null) throw new ArgumentNullException(nameof(log));
        FileStream? lockFile = null;
        FileStream? stream = null;
        var lockPath = path + ".lock";
        var lockFileExisted = File.Exists(lockPath);
        try
        {
            try
            {
                lockFile = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
            {
                throw new JournalException(string.Format(CultureInfo.InvariantCulture, "The journal '{0}' is in use by another command (its lock file '{0}.lock' is held). Two runs on one journal could send the same items twice; wait for the other run to end.", path), e);
            }

            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
            var state = Read(stream, path, log, out var endsTorn);
            stream.Seek(0, SeekOrigin.End);
            if (endsTorn)
            {
                // The next entry must not be glued to the torn text: end it, and it stays a skipped line.
                stream.Write(NewLine, 0, 1);
                stream.Flush(true);
            }

            return new JournalFile(path, state, stream, lockFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            stream?.Dispose();
            lockFile?.Dispose();
            throw new JournalException(string.Format(CultureInfo.InvariantCulture, "The journal '{0}' cannot be opened: {1}", path, e.Message), e);
        }
        catch (JournalException)
        {
            stream?.Dispose();
            lockFile?.Dispose();
            if (stream is not null && !lockFileExisted)
            {
                // Refused after the lock was taken (the file is no journal): leave no lock file of ours beside it.
                try
                {
                    File.Delete(lockPath);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another process opened it in between: an empty lock file does no harm.
                }
            }

            throw;
        }
    }

    /// <summary>Reads the journal without writing or locking it (a rehearsal); an absent file is an empty journal.</summary>
    /// <exception cref="JournalException">The file exists but cannot be read.</exception>
    public static JournalFile OpenForReading(string path, IEngineLog log)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        if (log is null) throw new ArgumentNullException(nameof(log));
        if (!File.Exists(path))
        {
            return new JournalFile(path, new JournalState(), null, null);
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new JournalFile(path, Read(stream, path, log, out _), null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JournalException(string.Format(CultureInfo.InvariantCulture, "The journal '{0}' cannot be read: {1}", path, e.Message), e);
        }
    }

    /// <summary>Adds one entry (one line) and applies it to <see cref="State"/>; on disk after the next <see cref="Flush"/>.</summary>
    /// <exception cref="JournalException">The journal was opened read-only, or the write failed.</exception>
    public void Append(JournalEntry entry)
    {
        if (entry is null) throw new ArgumentNullException(nameof(entry));
        if (stream is null)
        {
            throw new InvalidOperationException("The journal was opened for reading only.");
        }

        var line = JsonSerializer.SerializeToUtf8Bytes(entry, JournalJsonContext.Default.JournalEntry);
        try
        {
            stream.Write(line, 0, line.Length);
            stream.Write(NewLine, 0, 1);
        }
        catch (IOException e)
        {
            throw new JournalException(string.Format(CultureInfo.InvariantCulture, "Writing to the journal '{0}' failed: {1}", Path, e.Message), e);
        }

        State.Apply(entry);
        dirty = true;
    }

    /// <summary>Writes what was appended through to the disk (fsync), so a crash from now on cannot lose it.</summary>
    /// <exception cref="JournalException">The flush failed.</exception>
    public void Flush()
    {
        if (stream is null || !dirty)
        {
            return;
        }

        try
        {
            stream.Flush(true);
            dirty = false;
        }
        catch (IOException e)
        {
            throw new JournalException(string.Format(CultureInfo.InvariantCulture, "Writing to the journal '{0}' failed: {1}", Path, e.Message), e);
        }
    }

    /// <summary>Flushes and closes the file and releases the writer's lock.</summary>
    public void Dispose()
    {
        try
        {
            Flush();
        }
        finally
        {
            stream?.Dispose();
            lockFile?.Dispose();
        }
    }

    /// <summary>Every entry the stream holds; lines that do not parse are skipped with a verbose note.</summary>
    private static JournalState Read(FileStream stream, string path, IEngineLog log, out bool endsTorn)
    {
        var state = new JournalState();
        endsTorn = false;
        if (stream.Length == 0)
        {
            return state;
        }

        stream.Seek(-1, SeekOrigin.End);
        var torn = stream.ReadByte() != '\n';
        endsTorn = torn;
        stream.Seek(0, SeekOrigin.Begin);

        // Not disposed: that would close the caller's stream (leaveOpen is not in every target of this overload).
        var reader = new StreamReader(stream, new UTF8Encoding(false), false, 64 * 1024);
        var number = 0;
        string? line;
        string? pending = null;
        var pendingNumber = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            // Held back one line, so the last one is known to be the last when it is judged.
            if (pending is not null)
            {
                Judge(pending, pendingNumber, isLast: false);
            }

            pending = line;
            pendingNumber = ++number;
        }

        if (pending is not null)
        {
            Judge(pending, pendingNumber, isLast: true);
        }

        return state;

        void Judge(string text, int lineNumber, bool isLast)
        {
            if (text.Trim().Length == 0)
            {
                return;
            }

            JournalEntry? entry = null;
            try
            {
                entry = JsonSerializer.Deserialize(text, JournalJsonContext.Default.JournalEntry);
            }
            catch (JsonException)
            {
                // Reported below as a skipped line.
            }

            var isEntry = entry is not null && entry.Key.Length > 0 && entry.Command.Length > 0;
            if (isEntry && entry!.Version == JournalEntry.CurrentVersion)
            {
                state.Apply(entry);
                return;
            }

            // A file whose first line is not a journal entry is some other file (a CSV, a log) given to -JournalPath
            // by mistake: appending to it would damage it, and reading it as a journal would settle nothing. Only a
            // torn first line that is also the last (a crash while the first entry was written) is a journal's.
            if (!isEntry && state.Entries == 0 && state.Skipped == 0 && !(isLast && torn))
            {
                throw new JournalException(string.Format(
                    CultureInfo.InvariantCulture,
                    "The file '{0}' is not a ThuliumPS journal: its line {1} is not a journal entry. Nothing was written to it. Give -JournalPath the journal an earlier run wrote, or the path of a new file.",
                    path,
                    lineNumber));
            }

            state.Skipped++;
            log.Verbose(isLast && torn
                ? string.Format(CultureInfo.InvariantCulture, "Journal '{0}': line {1}, the last, is torn — written only in part when a run was stopped — and is ignored.", path, lineNumber)
                : string.Format(CultureInfo.InvariantCulture, "Journal '{0}': line {1} is not a journal entry this version of ThuliumPS can read, and is ignored.", path, lineNumber));
        }
    }
}
