using System.Diagnostics;
using System.Text.RegularExpressions;

namespace HydroWorkshop.Common;

/// <summary>
/// A folder that a generator writes as a whole (the synthetic CAMELS basins, the Rhine–Meuse stand-in), safe for two
/// notebooks opening it at once, for an interrupt and for a user pointing the generator at a folder of their own:
/// <list type="bullet">
/// <item>a marker file, written last, names the generator and its settings: the folder is complete when the marker holds
/// exactly <c>markerText</c>, and is this generator's (so it may be replaced) when the marker file is there at all;</item>
/// <item>a folder holding anything without the marker is refused, never deleted;</item>
/// <item>files are written into a temporary sibling (<c>.NAME.PID.GUID.tmp</c>) that is renamed at the end (the old set
/// moved aside first and put back if the rename fails), so an interrupted run leaves the earlier set or nothing, never a
/// half set; a file a user put beside an earlier set makes the replacement refuse;</item>
/// <item>writers take turns on an exclusive lock file <c>.NAME.lock</c> beside the folder; the second one then finds the
/// set complete. Leftovers of a killed run of this folder are cleaned under the lock.</item>
/// <item>a folder that is a link is followed (the set is written where it points; the link stays), so the lock and the
/// temporary folder go beside the target, whose parent must be writable.</item>
/// </list>
/// </summary>
public sealed class GeneratedFolder
{
    private readonly string markerFile;
    private readonly string markerText;
    private readonly string setName;
    private readonly string? environmentVariable;

    /// <param name="folder">Where the set lives (relative paths are taken from the working folder).</param>
    /// <param name="markerFile">Name of the marker file inside the folder, e.g. <c>SYNTHETIC.json</c>.</param>
    /// <param name="markerText">The marker's exact text for this generator and its settings.</param>
    /// <param name="setName">What the set is called in messages, e.g. "synthetic CAMELS set".</param>
    /// <param name="environmentVariable">The variable that sets the default folder, named in the refusal message.</param>
    public GeneratedFolder(string folder, string markerFile, string markerText, string setName, string? environmentVariable = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        // A link to a folder (on a bigger disk, say) is followed: renaming the link itself would replace it by a folder.
        if (full.Length > 0 && new DirectoryInfo(full) is { LinkTarget: not null } link)
        {
            var target = link.ResolveLinkTarget(returnFinalTarget: true)!;
            if (!target.Exists)
                throw new ArgumentException($"'{folder}' is a link to '{target.FullName}', which does not exist", nameof(folder));
            full = Path.TrimEndingDirectorySeparator(target.FullName);
        }
        if (full.Length == 0 || Path.GetDirectoryName(full) is null)
            throw new ArgumentException($"'{folder}' is not a folder the {setName} can be written to (a root?)", nameof(folder));
        (Folder, this.markerFile, this.markerText, this.setName, this.environmentVariable) =
            (full, markerFile, markerText, setName, environmentVariable);
    }

    /// <summary>The folder's full path, without a trailing separator; where the folder given is a link, its target's.</summary>
    public string Folder { get; }

    /// <summary>How long a writer waits for another process that holds the lock before it gives up.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>True when the folder holds a complete set of this generator and settings.</summary>
    public bool IsComplete
    {
        get
        {
            var marker = Path.Combine(Folder, markerFile);
            try
            {
                return File.Exists(marker) && File.ReadAllText(marker) == markerText;
            }
            catch (IOException)
            {
                return false;                                   // being replaced right now
            }
        }
    }

    /// <summary>Writes the set through <paramref name="write"/> unless a complete one is there (checked again once the
    /// lock is held, so a second process waits for the first and then writes nothing). Returns whether it wrote.
    /// <paramref name="write"/> fills the folder it is given (empty, temporary); the marker is added after it returns.</summary>
    public bool Ensure(Action<string, CancellationToken> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (IsComplete) return false;
        CheckReplaceable();
        using (Lock(cancellationToken))
        {
            CleanLeftovers();                                   // may put back a set a killed run had moved aside
            if (IsComplete) return false;
            ReplaceLocked((temporary, token) => { write(temporary, token); return 0; }, cancellationToken);
            return true;
        }
    }

    /// <summary>Writes the set through <paramref name="write"/> and puts it in place of the one there (refusing a folder
    /// that is not this generator's); returns what <paramref name="write"/> returned.</summary>
    public T Replace<T>(Func<string, CancellationToken, T> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        CheckReplaceable();
        using (Lock(cancellationToken))
        {
            CleanLeftovers();
            return ReplaceLocked(write, cancellationToken);
        }
    }

    /// <summary>Renames a folder; tests replace it to fail a rename.</summary>
    internal Action<string, string> MoveDirectory { get; init; } = Directory.Move;

    /// <summary>Whether a process id names a process that started before the given time (UTC) and still runs; tests
    /// replace it.</summary>
    internal Func<int, DateTime, bool> ProcessRunningSince { get; init; } = RunningSince;

    /// <summary>Refuses a file in the folder's place, or a folder that holds anything without the marker. Checked before
    /// the lock too, so a refusal leaves nothing behind (no lock file, no parent folders).</summary>
    private void CheckReplaceable()
    {
        if (File.Exists(Folder)) throw new IOException($"{Folder} is a file; the {setName} needs a folder there");
        if (Directory.Exists(Folder) && Directory.EnumerateFileSystemEntries(Folder).Any()
            && !File.Exists(Path.Combine(Folder, markerFile)))
            throw new IOException($"{Folder} holds files that are not a {setName} (no {markerFile}); it is left alone: choose an " +
                "empty or new folder" + (environmentVariable is null ? "" : $" (the default one is set by ${environmentVariable})"));
    }

    private T ReplaceLocked<T>(Func<string, CancellationToken, T> write, CancellationToken token)
    {
        CheckReplaceable();
        var parent = Path.GetDirectoryName(Folder)!;
        var stem = Path.Combine(parent, $".{Path.GetFileName(Folder)}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        var (temporary, old) = (stem + ".tmp", stem + ".old");
        try
        {
            Directory.CreateDirectory(temporary);
            var result = write(temporary, token);
            File.WriteAllText(Path.Combine(temporary, markerFile), markerText);
            token.ThrowIfCancellationRequested();
            // Something a user put beside an earlier set (results.csv, another set) would go with it: refused instead.
            var added = Directory.Exists(Folder)
                ? Names(Folder).Except(Names(temporary)).Except(FileManagerFiles).Order(StringComparer.Ordinal).ToArray()
                : [];
            if (added.Length > 0)
                throw new IOException($"{Folder} holds {string.Join(", ", added.Take(5))}{(added.Length > 5 ? ", ..." : "")} beside " +
                    $"the earlier {setName}; replacing it would delete them, so it is left alone: move them out or choose another folder");
            // Two renames: the old set moves aside, the new one takes its place; the old one comes back if that fails.
            if (Directory.Exists(Folder)) MoveDirectory(Folder, old);
            try
            {
                MoveDirectory(temporary, Folder);
            }
            catch (IOException) when (IsComplete)
            {
                // Where the file system ignores the lock (some network homes), another process finished first: keep its set.
            }
            catch when (Directory.Exists(old) && !Directory.Exists(Folder))
            {
                MoveDirectory(old, Folder);
                throw;
            }
            return result;
        }
        finally
        {
            TryDelete(temporary);
            if (Directory.Exists(Folder)) TryDelete(old);
        }
    }

    /// <summary>Cleans what a killed run of this folder left beside it (its finally never ran); under the lock nobody else
    /// writes this folder, except where the file system ignores the lock: a leftover of a process still running is kept.
    /// A run killed between its two renames left the earlier set aside with the folder gone: it is put back.</summary>
    private void CleanLeftovers()
    {
        var parent = Path.GetDirectoryName(Folder)!;
        var leftover = new Regex($@"^\.{Regex.Escape(Path.GetFileName(Folder))}\.([0-9]+)\.[0-9a-f]{{32}}\.(tmp|old)\z");
        foreach (var path in Directory.EnumerateDirectories(parent))
        {
            if (leftover.Match(Path.GetFileName(path)) is not { Success: true } match) continue;
            if (int.TryParse(match.Groups[1].ValueSpan, out var pid) && pid != Environment.ProcessId
                && ProcessRunningSince(pid, Directory.GetCreationTimeUtc(path))) continue;
            if (match.Groups[2].Value == "old" && !Directory.Exists(Folder)) MoveDirectory(path, Folder);
            else TryDelete(path);
        }
    }

    /// <summary>What file managers leave in a folder someone looked at (Finder, Explorer): not a user's file.</summary>
    private static readonly string[] FileManagerFiles = [".DS_Store", "Thumbs.db", "desktop.ini"];

    private static IEnumerable<string> Names(string folder) => Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName)!;

    /// <summary>A process id in use by a process started before <paramref name="sinceUtc"/> (a later one reuses a dead
    /// run's id).</summary>
    private static bool RunningSince(int processId, DateTime sinceUtc)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            try
            {
                return !process.HasExited && process.StartTime.ToUniversalTime() <= sinceUtc;
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or NotSupportedException)
            {
                return true;                                    // there, but not ours to inspect (Windows' System process)
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;                                       // no process has that id
        }
    }

    /// <summary>Best effort: a folder that cannot be deleted now (a file open on Windows) is cleaned by a later run, and must
    /// not hide the result or the error of this one.</summary>
    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>An exclusive lock on <c>.NAME.lock</c> beside the folder (released on dispose), waiting up to
    /// <see cref="LockTimeout"/> for another process that holds it; any other failure to open it is thrown at once.</summary>
    private FileStream Lock(CancellationToken token)
    {
        var path = Path.Combine(Path.GetDirectoryName(Folder)!, $".{Path.GetFileName(Folder)}.lock");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (UnauthorizedAccessException e)
        {
            throw Unwritable(e);
        }
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (HeldByAnother(e) && waited.Elapsed >= LockTimeout)
            {
                throw new IOException($"{path}: waited {LockTimeout.TotalMinutes:0.#} minutes for another process writing the " +
                    $"{setName} in {Folder} ({e.Message}); if none is running, delete the lock file", e);
            }
            catch (IOException e) when (HeldByAnother(e))
            {
                token.WaitHandle.WaitOne(200);
                token.ThrowIfCancellationRequested();
            }
            catch (UnauthorizedAccessException e)
            {
                throw Unwritable(e);
            }
        }
    }

    private IOException Unwritable(UnauthorizedAccessException e) => new($"the {setName} is written beside {Folder} (a lock " +
        $"file and a temporary folder in {Path.GetDirectoryName(Folder)}), which must be writable: choose a folder inside one you " +
        $"can write to ({e.Message})", e);

    /// <summary>Whether opening the lock file failed because another handle holds it: a sharing or lock violation on Windows
    /// (32, 33), EWOULDBLOCK from flock on Linux (11) and macOS (35), which .NET reports as the HResult.</summary>
    private static bool HeldByAnother(IOException e) => e.GetType() == typeof(IOException)
        && (OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 32 or 33 : e.HResult is 11 or 35);
}
