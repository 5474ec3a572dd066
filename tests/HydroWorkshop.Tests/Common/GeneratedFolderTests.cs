using HydroWorkshop.Common;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Tests.Common;

/// <summary>A generated set is written whole or not at all, once when two ask at once, and never over a user's folder.</summary>
public sealed class GeneratedFolderTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private GeneratedFolder Set(string name = "cache", string settings = "seed 1") =>
        new(Path.Combine(temp.Path, name), "MARKER.json", settings, "test set", "HYDROWORKSHOP_TEST_SET");

    /// <summary>Writes two files, the second after <paramref name="beforeSecond"/>; counts the calls.</summary>
    private sealed class Writer(string content, Action? beforeSecond = null)
    {
        public int Calls;
        public string Write(string folder, CancellationToken token)
        {
            Interlocked.Increment(ref Calls);
            File.WriteAllText(Path.Combine(folder, "a.txt"), content);
            beforeSecond?.Invoke();
            Directory.CreateDirectory(Path.Combine(folder, "sub"));
            File.WriteAllText(Path.Combine(folder, "sub", "b.txt"), content);
            return content;
        }
    }

    private string[] Entries() => Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal)
        .ToArray()!;

    [Fact]
    public void Ensure_CompleteSet_WritesNothingAndOtherSettingsReplaceIt()
    {
        var first = new Writer("one");
        Assert.True(Set().Ensure((f, t) => first.Write(f, t)));
        Assert.True(Set().IsComplete);

        var again = new Writer("two");
        Assert.False(Set().Ensure((f, t) => again.Write(f, t)));
        Assert.Equal(0, again.Calls);
        Assert.Equal("one", File.ReadAllText(Path.Combine(temp.Path, "cache", "sub", "b.txt")));

        Assert.True(Set(settings: "seed 2").Ensure((f, t) => again.Write(f, t)));
        Assert.Equal("two", File.ReadAllText(Path.Combine(temp.Path, "cache", "sub", "b.txt")));
        Assert.Equal("seed 2", File.ReadAllText(Path.Combine(temp.Path, "cache", "MARKER.json")));
        Assert.False(Set().IsComplete);
        Assert.Equal([".cache.lock", "cache"], Entries());
    }

    [Fact]
    public void Replace_WriterFails_LeavesNoFolderOrTemporaryBehind()
    {
        var failing = new Writer("one", () => throw new IOException("disk full (test)"));

        Assert.Throws<IOException>(() => Set().Replace(failing.Write));

        Assert.Equal([".cache.lock"], Entries());
    }

    [Fact]
    public void Replace_CancelledAfterWriting_KeepsTheSetThatWasThere()
    {
        Set().Replace(new Writer("one").Write);
        using var cancel = new CancellationTokenSource();
        var cancelled = new Writer("two", cancel.Cancel);

        // Cancelled after the writer has filled the temporary folder: the check before the swap stops it.
        Assert.ThrowsAny<OperationCanceledException>(() => Set(settings: "seed 2").Replace(cancelled.Write, cancel.Token));

        Assert.Equal(1, cancelled.Calls);
        Assert.True(Set().IsComplete);
        Assert.Equal("one", File.ReadAllText(Path.Combine(temp.Path, "cache", "sub", "b.txt")));
        Assert.Equal([".cache.lock", "cache"], Entries());
    }

    [Fact]
    public void Replace_FolderWithOtherFiles_RefusesAndLeavesThem()
    {
        var mine = temp.File(Path.Combine("notes", "thesis.md"), "mine");
        var writer = new Writer("one");

        var error = Assert.Throws<IOException>(() => Set("notes").Replace(writer.Write));

        Assert.Contains(Path.Combine(temp.Path, "notes"), error.Message);
        Assert.Contains("MARKER.json", error.Message);
        Assert.Contains("$HYDROWORKSHOP_TEST_SET", error.Message);
        Assert.Equal(0, writer.Calls);
        Assert.Equal("mine", File.ReadAllText(mine));
        Assert.Equal(["thesis.md"], Directory.GetFileSystemEntries(Path.Combine(temp.Path, "notes")).Select(Path.GetFileName));
        Assert.Equal(["notes"], Entries());                       // no lock file beside it either
    }

    [Fact]
    public void Replace_UsersFileBesideAnEarlierSet_RefusesAndKeepsBoth()
    {
        Set().Replace(new Writer("one").Write);
        var results = temp.File(Path.Combine("cache", "results.csv"), "mine");

        var error = Assert.Throws<IOException>(() => Set(settings: "seed 2").Replace(new Writer("two").Write));

        Assert.Contains("results.csv", error.Message);
        Assert.Equal("mine", File.ReadAllText(results));
        Assert.True(Set().IsComplete);
        Assert.Equal("one", File.ReadAllText(Path.Combine(temp.Path, "cache", "sub", "b.txt")));
        Assert.Equal([".cache.lock", "cache"], Entries());
    }

    [Fact]
    public void Replace_SecondRenameFails_PutsTheEarlierSetBack()
    {
        Set().Replace(new Writer("one").Write);
        var moves = 0;
        var failing = new GeneratedFolder(Path.Combine(temp.Path, "cache"), "MARKER.json", "seed 2", "test set")
        {
            MoveDirectory = (from, to) =>
            {
                if (++moves == 2) throw new IOException("rename failed (test)");
                Directory.Move(from, to);
            },
        };

        var error = Assert.Throws<IOException>(() => failing.Replace(new Writer("two").Write));

        Assert.Equal("rename failed (test)", error.Message);
        Assert.Equal(3, moves);                                   // aside, the failed one, back
        Assert.True(Set().IsComplete);
        Assert.Equal("one", File.ReadAllText(Path.Combine(temp.Path, "cache", "sub", "b.txt")));
        Assert.Equal([".cache.lock", "cache"], Entries());
    }

    [Fact]
    public void Replace_SecondRenameFailsAfterAnotherWriterFinished_KeepsTheirSet()
    {
        // As where the lock does not hold: another process puts the same complete set in place between the two renames.
        Set(settings: "seed 2").Replace(new Writer("old").Write);
        var moves = 0;
        var raced = new GeneratedFolder(Path.Combine(temp.Path, "cache"), "MARKER.json", "seed 1", "test set")
        {
            MoveDirectory = (from, to) =>
            {
                if (++moves != 2)
                {
                    Directory.Move(from, to);
                    return;
                }
                Directory.CreateDirectory(to);
                File.WriteAllText(Path.Combine(to, "a.txt"), "theirs");
                File.WriteAllText(Path.Combine(to, "MARKER.json"), "seed 1");
                throw new IOException("destination exists (test)");
            },
        };

        Assert.Equal("mine", raced.Replace(new Writer("mine").Write));

        Assert.Equal("theirs", File.ReadAllText(Path.Combine(temp.Path, "cache", "a.txt")));
        Assert.Equal([".cache.lock", "cache"], Entries());
    }

    [Fact]
    public void Ensure_RunKilledBetweenItsRenames_PutsTheEarlierSetBackBeforeWriting()
    {
        Set(settings: "seed 2").Replace(new Writer("old").Write);
        var aside = Path.Combine(temp.Path, $".cache.{int.MaxValue}.{Guid.NewGuid():N}.old");  // no process has that id
        Directory.Move(Path.Combine(temp.Path, "cache"), aside);
        var seen = new List<bool>();

        Set().Ensure((f, t) =>
        {
            seen.Add(Set(settings: "seed 2").IsComplete);           // the earlier set is back while the new one is written
            new Writer("new").Write(f, t);
        });

        Assert.Equal([true], seen);
        Assert.True(Set().IsComplete);
        Assert.Equal([".cache.lock", "cache"], Entries());
    }

    [Fact]
    public void Ensure_LeftoverOfARunningProcess_KeptWhereTheLockDoesNotHold()
    {
        var own = Path.Combine(temp.Path, $".cache.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var running = Path.Combine(temp.Path, $".cache.4242.{Guid.NewGuid():N}.tmp");
        var exited = Path.Combine(temp.Path, $".cache.4343.{Guid.NewGuid():N}.tmp");
        foreach (var folder in new[] { own, running, exited }) Directory.CreateDirectory(folder);
        var set = new GeneratedFolder(Path.Combine(temp.Path, "cache"), "MARKER.json", "seed 1", "test set")
        {
            ProcessRunningSince = (id, _) => id == 4242,
        };

        set.Ensure((f, t) => new Writer("one").Write(f, t));

        Assert.False(Directory.Exists(own));                      // this process's own: nobody else is writing it
        Assert.True(Directory.Exists(running));                   // a running process's: left alone
        Assert.False(Directory.Exists(exited));
    }

    [Fact]
    public void ProcessRunningSince_ThisProcessAnIdInUseLaterAndNone_OnlyARunningProcessStartedBefore()
    {
        var running = Set().ProcessRunningSince;

        Assert.True(running(Environment.ProcessId, DateTime.UtcNow));
        Assert.False(running(Environment.ProcessId, DateTime.UtcNow.AddYears(-1)));   // a dead run's id, reused since
        Assert.False(running(int.MaxValue, DateTime.UtcNow));                         // no process has it
    }

    [Fact]
    public void Ensure_FolderIsALink_WritesWhereItPointsAndKeepsTheLink()
    {
        var target = Path.Combine(temp.Path, "disk", "sets");
        Directory.CreateDirectory(target);
        var link = Path.Combine(temp.Path, "cache");
        Directory.CreateSymbolicLink(link, target);
        var set = new GeneratedFolder(link, "MARKER.json", "seed 1", "test set");

        set.Ensure((f, t) => new Writer("one").Write(f, t));

        Assert.Equal(target, set.Folder);
        Assert.Equal(target, new DirectoryInfo(link).LinkTarget);
        Assert.Equal("one", File.ReadAllText(Path.Combine(link, "a.txt")));
        Assert.Equal(["cache", "disk"], Entries());
    }

    [Fact]
    public void Constructor_LinkToAMissingFolder_RefusedNamingBoth()
    {
        var link = Path.Combine(temp.Path, "cache");
        Directory.CreateSymbolicLink(link, Path.Combine(temp.Path, "unplugged-disk"));

        var error = Assert.Throws<ArgumentException>(() => new GeneratedFolder(link, "MARKER.json", "x", "test set"));

        Assert.Contains("unplugged-disk", error.Message);
        Assert.Contains(link, error.Message);
    }

    [Fact]
    public void Replace_FileManagersFileBesideAnEarlierSet_ReplacesIt()
    {
        Set().Replace(new Writer("one").Write);
        temp.File(Path.Combine("cache", ".DS_Store"), "Finder");

        Assert.Equal("two", Set(settings: "seed 2").Replace(new Writer("two").Write));

        Assert.Equal("two", File.ReadAllText(Path.Combine(temp.Path, "cache", "a.txt")));
    }

    [Fact]
    public void Ensure_RunKilledBetweenRenamesOfTheSameSet_PutsItBackWithoutWriting()
    {
        Set().Replace(new Writer("one").Write);
        Directory.Move(Path.Combine(temp.Path, "cache"), Path.Combine(temp.Path, $".cache.{int.MaxValue}.{Guid.NewGuid():N}.old"));
        var writer = new Writer("two");

        Assert.False(Set().Ensure((f, t) => writer.Write(f, t)));

        Assert.Equal(0, writer.Calls);
        Assert.Equal("one", File.ReadAllText(Path.Combine(temp.Path, "cache", "a.txt")));
        Assert.Equal([".cache.lock", "cache"], Entries());
    }

    [Fact]
    public void Replace_FileInPlaceOfTheFolder_RefusesAndLeavesIt()
    {
        var file = temp.File("cache", "mine");

        Assert.Throws<IOException>(() => Set().Replace(new Writer("one").Write));

        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Fact]
    public void Replace_EmptyFolder_WritesIntoIt()
    {
        Directory.CreateDirectory(Path.Combine(temp.Path, "cache"));

        Assert.Equal("one", Set().Replace(new Writer("one").Write));

        Assert.True(Set().IsComplete);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("")]
    public void Constructor_RootOrEmpty_Refused(string folder) =>
        Assert.ThrowsAny<ArgumentException>(() => new GeneratedFolder(folder, "MARKER.json", "x", "test set"));

    [Fact]
    public void Constructor_TrailingSeparator_TheSameFolder()
    {
        var withSeparator = new GeneratedFolder(Path.Combine(temp.Path, "cache") + Path.DirectorySeparatorChar, "MARKER.json", "seed 1",
            "test set");

        withSeparator.Ensure((f, t) => new Writer("one").Write(f, t));

        Assert.Equal(Path.Combine(temp.Path, "cache"), withSeparator.Folder);
        Assert.True(Set().IsComplete);
        Assert.Equal([".cache.lock", "cache"], Entries());
    }

    [Fact]
    public void Ensure_AnotherProcessHoldsTheLock_WaitsWithoutWritingUntilCancelled()
    {
        using var held = new FileStream(Path.Combine(temp.Path, ".cache.lock"), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();                          // a writer that ignored the lock would be called all the same
        var writer = new Writer("one");

        Assert.ThrowsAny<OperationCanceledException>(() => Set().Ensure((f, t) => writer.Write(f, t), cancel.Token));

        Assert.Equal(0, writer.Calls);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "cache")));
    }

    [Fact]
    public void Ensure_LockHeldPastTheTimeout_NamesTheLockFile()
    {
        var lockFile = Path.Combine(temp.Path, ".cache.lock");
        using var held = new FileStream(lockFile, FileMode.Create, FileAccess.ReadWrite, FileShare.None);

        var writer = new Writer("one");

        var error = Assert.Throws<IOException>(() =>
            new GeneratedFolder(Path.Combine(temp.Path, "cache"), "MARKER.json", "seed 1", "test set") { LockTimeout = TimeSpan.Zero }
                .Ensure((f, t) => writer.Write(f, t)));

        Assert.Equal(0, writer.Calls);
        Assert.Contains(lockFile, error.Message);
        Assert.Contains("delete the lock file", error.Message);
    }

    [Fact]
    public void Ensure_WhileAnotherWrites_TheSecondIsHeldOffByTheLock()
    {
        Exception? second = null;
        var writer = new Writer("one", () => second = Record.Exception(() =>
            new GeneratedFolder(Path.Combine(temp.Path, "cache"), "MARKER.json", "seed 1", "test set") { LockTimeout = TimeSpan.Zero }
                .Ensure((f, t) => new Writer("two").Write(f, t))));

        Set().Ensure((f, t) => writer.Write(f, t));

        Assert.IsType<IOException>(second);
        Assert.Contains(".cache.lock", second.Message);
        Assert.Equal("one", File.ReadAllText(Path.Combine(temp.Path, "cache", "a.txt")));
    }

    [Fact]
    public void Ensure_TwoAtOnceAndAKilledRunsLeftovers_OneWriteNothingElse()
    {
        var killed = Path.Combine(temp.Path, $".cache.{int.MaxValue}.{Guid.NewGuid():N}.tmp");    // a killed run's temporary
        var killedOld = Path.Combine(temp.Path, $".cache.{int.MaxValue}.{Guid.NewGuid():N}.old"); // and its set moved aside
        var otherFolders = Path.Combine(temp.Path, $".cache.v2.999.{Guid.NewGuid():N}.tmp");    // not this folder's
        foreach (var folder in new[] { killed, killedOld, otherFolders }) Directory.CreateDirectory(folder);
        // Slow enough that the second caller arrives while the first one writes.
        var writer = new Writer("one", () => Thread.Sleep(300));

        var wrote = Enumerable.Range(0, 2).AsParallel().WithDegreeOfParallelism(2)
            .Select(_ => Set().Ensure((f, t) => writer.Write(f, t))).ToArray();

        Assert.Equal(1, writer.Calls);
        Assert.Single(wrote, w => w);
        Assert.True(Set().IsComplete);
        Assert.Equal([".cache.lock", Path.GetFileName(otherFolders), "cache"], Entries());
    }
}
