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
/// <item>files are written into a hidden temporary sibling that is renamed at the end (the old set moved aside first and
/// put back if the rename fails), so an interrupted run leaves no half set;</item>
/// <item>writers take turns on an exclusive lock file <c>.NAME.lock</c> beside the folder; the second one then finds the
/// set complete. Leftovers of a killed run of this folder are cleaned under the lock.</item>
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
    /// <param name="environmentVariable">The variable that chooses the folder, named in the refusal message.</param>
    public GeneratedFolder(string folder, string markerFile, string markerText, string setName, string? environmentVariable = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (full.Length == 0 || Path.GetDirectoryName(full) is null)
            throw new ArgumentException($"'{folder}' is not a folder the {setName} can be written to (a root?)", nameof(folder));
        (Folder, this.markerFile, this.markerText, this.setName, this.environmentVariable) =
            (full, markerFile, markerText, setName, environmentVariable);
    }

    /// <summary>The folder's full path, without a trailing separator.</summary>
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
    /// <paramref name="write"/> fills the folder it is given (empty, hidden, temporary); the marker is added after it
    /// returns.</summary>
    public bool Ensure(Action<string, CancellationToken> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (IsComplete) return false;
        using (Lock(cancellationToken))
        {
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
        using (Lock(cancellationToken)) return ReplaceLocked(write, cancellationToken);
    }

    private T ReplaceLocked<T>(Func<string, CancellationToken, T> write, CancellationToken token)
    {
        if (File.Exists(Folder)) throw new IOException($"{Folder} is a file; the {setName} needs a folder there");
        if (Directory.Exists(Folder) && Directory.EnumerateFileSystemEntries(Folder).Any()
            && !File.Exists(Path.Combine(Folder, markerFile)))
            throw new IOException($"{Folder} holds files that are not a {setName} (no {markerFile}); it is left alone: choose an " +
                "empty or new folder" + (environmentVariable is null ? "" : $" (${environmentVariable})"));
        var parent = Path.GetDirectoryName(Folder)!;
        // Leftovers of a run of this folder that was killed (its finally never ran): nobody else writes it while we hold the lock.
        var leftover = new Regex($@"^\.{Regex.Escape(Path.GetFileName(Folder))}\.\d+\.[0-9a-f]{{32}}\.(tmp|old)$");
        foreach (var path in Directory.EnumerateDirectories(parent))
            if (leftover.IsMatch(Path.GetFileName(path))) Directory.Delete(path, recursive: true);

        var stem = Path.Combine(parent, $".{Path.GetFileName(Folder)}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        var (temporary, old) = (stem + ".tmp", stem + ".old");
        try
        {
            Directory.CreateDirectory(temporary);
            var result = write(temporary, token);
            File.WriteAllText(Path.Combine(temporary, markerFile), markerText);
            token.ThrowIfCancellationRequested();
            // The old set moves aside first, so the new one appears in one rename; it comes back if that rename fails.
            if (Directory.Exists(Folder)) Directory.Move(Folder, old);
            try
            {
                Directory.Move(temporary, Folder);
            }
            catch (IOException) when (IsComplete)
            {
                // Where the file system ignores the lock (some network homes), another process finished first: keep its set.
            }
            catch when (Directory.Exists(old) && !Directory.Exists(Folder))
            {
                Directory.Move(old, Folder);
                throw;
            }
            return result;
        }
        finally
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
            if (Directory.Exists(old) && Directory.Exists(Folder)) Directory.Delete(old, recursive: true);
        }
    }

    /// <summary>An exclusive lock on <c>.NAME.lock</c> beside the folder (released on dispose), waiting up to
    /// <see cref="LockTimeout"/> for another process that holds it.</summary>
    private FileStream Lock(CancellationToken token)
    {
        var path = Path.Combine(Path.GetDirectoryName(Folder)!, $".{Path.GetFileName(Folder)}.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (waited.Elapsed >= LockTimeout)
            {
                throw new IOException($"{path}: waited {LockTimeout.TotalMinutes:0.#} minutes for another process writing the " +
                    $"{setName} in {Folder} ({e.Message}); if none is running, delete the lock file", e);
            }
            catch (IOException)
            {
                token.WaitHandle.WaitOne(200);
                token.ThrowIfCancellationRequested();
            }
        }
    }
}
