// Makes TorchSharp's native shim load on Linux distributions whose libstdc++ is older than the GCC that built it.
//
// libLibTorchSharp.so from TorchSharp 0.107 was linked by GCC 13, whose <iostream> references
// std::ios_base_library_init() (GLIBCXX_3.4.32) from every file that includes it. That reference is an
// undefined symbol with no relocation: nothing ever binds or calls it. The only thing that makes it matter is
// the version need it adds to .gnu.version_r, and glibc's loader refuses a library with a need that the system
// libstdc++.so.6 does not define (Debian 12 ships GCC 12's, which stops at GLIBCXX_3.4.30). TorchSharp then
// reports a misleading "doesn't contain a reference to libtorch-cpu-linux-x64".
//
// Setting VER_FLG_WEAK in that one Vernaux entry tells the loader the version is optional, so a copy of the
// library with that bit set loads and works. This file reads the version needs and definitions of ELF64
// little-endian objects and writes that bit, and only that bit, into a copy in a build output folder.
//
// One file, two builds: lib/build/LibTorchSharp.targets compiles it with RoslynCodeTaskFactory (which builds
// against netstandard2.0 and defines no symbols), and HydroWorkshop.dll compiles it with HYDROWORKSHOP_LIBRARY
// defined to reuse the reader for a run-time diagnostic. Hence: BCL only, netstandard2.0 APIs only outside
// #if NET blocks, no init accessors (netstandard2.0 has no IsExternalInit), and the MSBuild task at the end
// behind #if !HYDROWORKSHOP_LIBRARY.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
#if HYDROWORKSHOP_LIBRARY
using VersionNameSet = System.Collections.Generic.IReadOnlySet<string>;
#else
// netstandard2.0, which RoslynCodeTaskFactory compiles against, has no IReadOnlySet<T>.
using VersionNameSet = System.Collections.Generic.ISet<string>;
#endif

namespace HydroWorkshop.Build;

/// <summary>One version an ELF object needs from one of its dependencies: an Elf64_Vernaux entry of
/// <c>.gnu.version_r</c>, with the file name from its Elf64_Verneed.</summary>
public sealed record VersionNeed
{
    /// <summary>Describes one needed version.</summary>
    public VersionNeed(string file, string version, ushort flags, ushort index, long flagsOffset)
    {
        File = file;
        Version = version;
        Flags = flags;
        Index = index;
        FlagsOffset = flagsOffset;
    }

    /// <summary>The soname the version is needed from, e.g. <c>libstdc++.so.6</c>.</summary>
    public string File { get; }

    /// <summary>The version name, e.g. <c>GLIBCXX_3.4.32</c>.</summary>
    public string Version { get; }

    /// <summary>vna_flags: <see cref="ElfVersionNeeds.WeakFlag"/> (VER_FLG_WEAK) marks the need optional.</summary>
    public ushort Flags { get; }

    /// <summary>vna_other: the index that <c>.gnu.version</c> gives the symbols bound to this version.</summary>
    public ushort Index { get; }

    /// <summary>The file offset of the 2-byte little-endian vna_flags field.</summary>
    public long FlagsOffset { get; }

    /// <summary>Whether the loader tolerates the version's absence (VER_FLG_WEAK is set).</summary>
    public bool IsWeak => (Flags & ElfVersionNeeds.WeakFlag) != 0;

    /// <inheritdoc />
    public override string ToString() => $"{Version} from {File}{(IsWeak ? " (weak)" : "")}";
}

/// <summary>Reads the symbol-version sections of ELF64 little-endian shared objects: which versions a library
/// needs from its dependencies (SHT_GNU_verneed) and which it defines (SHT_GNU_verdef). Enough to predict glibc's
/// "version `GLIBCXX_3.4.32' not found" before the loader does, and to find the byte that silences it.</summary>
public static class ElfVersionNeeds
{
    /// <summary>VER_FLG_WEAK in vna_flags: glibc's loader accepts the object when the version is missing.</summary>
    public const ushort WeakFlag = 0x2;

    private const ushort VerFlgBase = 0x1;   // vd_flags of the definition that names the file itself
    private const uint ShtRela = 4, ShtNobits = 8, ShtRel = 9, ShtDynsym = 11;
    private const uint ShtGnuVerdef = 0x6ffffffd, ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;
    private const ushort EmX8664 = 62, EmAarch64 = 183;

    private static readonly string[] LdconfigPaths = ["/sbin/ldconfig", "/usr/sbin/ldconfig", "/usr/bin/ldconfig", "/bin/ldconfig"];

    private static readonly string[] LibraryFolders =
    [
        "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
        "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
        "/lib64", "/usr/lib64", "/usr/lib", "/lib",
    ];

    /// <summary>Every version <paramref name="path"/> needs, in <c>.gnu.version_r</c> order; empty when it has none.</summary>
    /// <exception cref="InvalidDataException">The file is not an ELF64 little-endian object or its sections are damaged.</exception>
    public static IReadOnlyList<VersionNeed> ReadNeeds(string path)
    {
        using var elf = ElfImage.Open(path);
        return elf.ReadNeeds();
    }

    /// <summary>The version names <paramref name="path"/> defines (e.g. <c>GLIBCXX_3.4.30</c>), without the base
    /// definition that only repeats the soname; empty for a library without symbol versioning.</summary>
    /// <exception cref="InvalidDataException">The file is not an ELF64 little-endian object or its sections are damaged.</exception>
    public static VersionNameSet ReadDefinitions(string path)
    {
        using var elf = ElfImage.Open(path);
        return elf.ReadDefinitions();
    }

    /// <summary>Where the dynamic loader would find <paramref name="soname"/> for this process's architecture:
    /// the <c>ldconfig -p</c> cache when ldconfig exists, otherwise the usual library folders; null when absent.</summary>
    public static string? FindSystemLibrary(string soname) =>
        new SystemLibraries(MachineOfProcess()).Find(soname);

    /// <summary>The needs of <paramref name="library"/> that the system cannot satisfy: the library with that soname
    /// exists on the system but does not define the version. Needs already weak are left out, and so are sonames
    /// the system does not have (libtorch.so, libc10.so: siblings that travel with the library), and system
    /// libraries without version definitions (glibc's loader does not check those).</summary>
    public static IReadOnlyList<VersionNeed> MissingNeeds(string library) =>
        Check(library, new SystemLibraries(MachineOf(library))).Where(c => !c.Need.IsWeak).Select(c => c.Need).ToList();

    /// <summary>The undefined dynamic symbols of <paramref name="path"/> that carry <paramref name="need"/>'s version
    /// and that a relocation refers to. Marking a need weak is safe only when this is empty: a symbol that is bound
    /// through a relocation would still fail, later and worse (at its first call rather than at load).</summary>
    public static IReadOnlyList<string> RelocatedSymbols(string path, VersionNeed need)
    {
        using var elf = ElfImage.Open(path);
        return elf.RelocatedSymbols(need.Index);
    }

    /// <summary>Every need of <paramref name="library"/> (weak ones too) whose version the system library with that
    /// soname lacks, with that library's path.</summary>
    internal static IReadOnlyList<(VersionNeed Need, string SystemLibrary)> Check(string library, SystemLibraries system)
    {
        var missing = new List<(VersionNeed, string)>();
        var definitions = new Dictionary<string, (string Path, VersionNameSet Names)?>(StringComparer.Ordinal);
        foreach (var need in ReadNeeds(library))
        {
            if (!definitions.TryGetValue(need.File, out var found))
            {
                var path = system.Find(need.File);
                found = path is null ? null : (path, ReadDefinitions(path));
                definitions[need.File] = found;
            }
            if (found is { } f && f.Names.Count > 0 && !f.Names.Contains(need.Version)) missing.Add((need, f.Path));
        }
        return missing;
    }

    /// <summary>e_machine of an ELF64 little-endian file; null for anything else (a 32-bit library, a linker script).</summary>
    internal static ushort? MachineOf(string path)
    {
        try
        {
            using var elf = ElfImage.Open(path, withSections: false);
            return elf.Machine;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static ushort MachineOfProcess() =>
        RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? EmAarch64 : EmX8664;

    /// <summary>The system's shared libraries for one machine type, looked up the way the loader would: ldconfig's
    /// cache first, then the usual folders. Lists ldconfig's cache once per instance.</summary>
    internal sealed class SystemLibraries
    {
        private readonly ushort? machine;
        private List<(string Soname, string Path)>? cache;

        public SystemLibraries(ushort? machine) => this.machine = machine;

        public string? Find(string soname)
        {
            cache ??= ListLdconfigCache();
            var candidates = cache.Where(e => e.Soname == soname).Select(e => e.Path)
                .Concat(LibraryFolders.Select(folder => Path.Combine(folder, soname)));
            return candidates.FirstOrDefault(p => File.Exists(p) && MachineOf(p) is { } m && (machine is null || m == machine));
        }

        private static List<(string, string)> ListLdconfigCache()
        {
            var entries = new List<(string, string)>();
            var ldconfig = LdconfigPaths.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
                    .Where(d => d.Length > 0).Select(d => Path.Combine(d, "ldconfig")))
                .FirstOrDefault(File.Exists);
            if (ldconfig is null) return entries;
            try
            {
                var start = new ProcessStartInfo(ldconfig, "-p")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                    CreateNoWindow = true,
                };
                start.Environment["LC_ALL"] = "C";
                using var process = Process.Start(start);
                if (process is null) return entries;
                process.ErrorDataReceived += (_, _) => { };
                process.BeginErrorReadLine();
                var output = process.StandardOutput.ReadToEnd();
                if (!process.WaitForExit(10_000)) return entries;
                // "\tlibstdc++.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libstdc++.so.6"
                foreach (var line in output.Split('\n'))
                {
                    var arrow = line.IndexOf(" => ", StringComparison.Ordinal);
                    var paren = line.IndexOf(" (", StringComparison.Ordinal);
                    if (arrow < 0 || paren < 0 || paren > arrow) continue;
                    entries.Add((line.Substring(0, paren).Trim(), line.Substring(arrow + 4).Trim()));
                }
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
            {
                // No usable ldconfig: the folders alone decide.
            }
            return entries;
        }
    }

    /// <summary>An open ELF64 little-endian file and its section headers; reads only the sections asked for.</summary>
    private sealed class ElfImage : IDisposable
    {
        private readonly FileStream stream;
        private readonly string path;

        private ElfImage(FileStream stream, string path, ushort machine, Section[] sections)
        {
            this.stream = stream;
            this.path = path;
            Machine = machine;
            Sections = sections;
        }

        public ushort Machine { get; }

        public Section[] Sections { get; }

        public static ElfImage Open(string path, bool withSections = true)
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            try
            {
                var header = ReadAt(stream, path, 0, 64);
                if (header[0] != 0x7f || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
                    throw new InvalidDataException($"{path} is not an ELF file");
                if (header[4] != 2 || header[5] != 1)
                    throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file");
                var machine = U16(header, 0x12);
                if (!withSections) return new ElfImage(stream, path, machine, []);

                var tableOffset = (long)U64(header, 0x28);
                var entrySize = U16(header, 0x3a);
                long count = U16(header, 0x3c);
                if (tableOffset == 0) return new ElfImage(stream, path, machine, []);
                if (entrySize < 64) throw new InvalidDataException($"{path}: section header size {entrySize}");
                if (count == 0) count = (long)U64(ReadAt(stream, path, tableOffset, 64), 32);  // e_shnum overflow: section 0's sh_size
                if (count < 0 || tableOffset + count * entrySize > stream.Length)
                    throw new InvalidDataException($"{path}: the section header table runs past the end of the file");

                var table = ReadAt(stream, path, tableOffset, count * entrySize);
                var sections = new Section[count];
                for (var i = 0; i < count; i++)
                {
                    var o = (int)(i * entrySize);
                    sections[i] = new Section(U32(table, o + 4), (long)U64(table, o + 24), (long)U64(table, o + 32),
                        U32(table, o + 40), U32(table, o + 44), (long)U64(table, o + 56));
                    if (sections[i].Type != ShtNobits && (sections[i].Offset < 0 || sections[i].Size < 0
                        || sections[i].Offset + sections[i].Size > stream.Length))
                        throw new InvalidDataException($"{path}: section {i} runs past the end of the file");
                }
                return new ElfImage(stream, path, machine, sections);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        public void Dispose() => stream.Dispose();

        public List<VersionNeed> ReadNeeds()
        {
            var needs = new List<VersionNeed>();
            foreach (var section in Sections.Where(s => s.Type == ShtGnuVerneed))
            {
                var data = Contents(section);
                var strings = Contents(Linked(section));
                var entry = 0L;
                for (var n = 0; n < section.Info; n++)
                {
                    Require(data, entry, 16);
                    var count = U16(data, (int)entry + 2);
                    var file = Text(strings, U32(data, (int)entry + 4));
                    var aux = entry + U32(data, (int)entry + 8);
                    for (var a = 0; a < count; a++)
                    {
                        Require(data, aux, 16);
                        needs.Add(new VersionNeed(file, Text(strings, U32(data, (int)aux + 8)), U16(data, (int)aux + 4),
                            U16(data, (int)aux + 6), section.Offset + aux + 4));
                        var nextAux = U32(data, (int)aux + 12);
                        if (nextAux == 0) break;
                        aux += nextAux;
                    }
                    var next = U32(data, (int)entry + 12);
                    if (next == 0) break;
                    entry += next;
                }
            }
            return needs;
        }

        public HashSet<string> ReadDefinitions()
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var section in Sections.Where(s => s.Type == ShtGnuVerdef))
            {
                var data = Contents(section);
                var strings = Contents(Linked(section));
                var entry = 0L;
                for (var n = 0; n < section.Info; n++)
                {
                    Require(data, entry, 20);
                    var flags = U16(data, (int)entry + 2);
                    var auxCount = U16(data, (int)entry + 6);
                    if ((flags & VerFlgBase) == 0 && auxCount > 0)
                    {
                        // The first Verdaux names the version; later ones name its parents.
                        var aux = entry + U32(data, (int)entry + 12);
                        Require(data, aux, 8);
                        names.Add(Text(strings, U32(data, (int)aux)));
                    }
                    var next = U32(data, (int)entry + 16);
                    if (next == 0) break;
                    entry += next;
                }
            }
            return names;
        }

        public List<string> RelocatedSymbols(ushort versionIndex)
        {
            var found = new SortedSet<string>(StringComparer.Ordinal);
            for (var d = 0; d < Sections.Length; d++)
            {
                var dynsym = Sections[d];
                if (dynsym.Type != ShtDynsym) continue;
                var versym = Sections.FirstOrDefault(s => s.Type == ShtGnuVersym && s.Link == d);
                if (versym.Type != ShtGnuVersym) continue;
                var symbols = Contents(dynsym);
                var versions = Contents(versym);
                var strings = Contents(Linked(dynsym));

                // Undefined symbols (st_shndx 0) whose .gnu.version entry (hidden bit masked) is the need's index.
                var bound = new Dictionary<uint, string>();
                for (uint i = 0; (long)(i + 1) * 24 <= symbols.Length && (long)(i + 1) * 2 <= versions.Length; i++)
                {
                    if ((U16(versions, (int)(i * 2)) & 0x7fff) == versionIndex && U16(symbols, (int)(i * 24) + 6) == 0)
                        bound[i] = Text(strings, U32(symbols, (int)(i * 24)));
                }
                if (bound.Count == 0) continue;

                foreach (var relocations in Sections.Where(s => (s.Type == ShtRela || s.Type == ShtRel) && s.Link == d))
                {
                    var size = relocations.Type == ShtRela ? 24 : 16;
                    var data = Contents(relocations);
                    for (var o = 0; o + size <= data.Length; o += size)
                    {
                        if (bound.TryGetValue((uint)(U64(data, o + 8) >> 32), out var name)) found.Add(name);
                    }
                }
            }
            return found.ToList();
        }

        private Section Linked(Section section) =>
            section.Link < Sections.Length ? Sections[section.Link]
                : throw new InvalidDataException($"{path}: sh_link {section.Link} names no section");

        private byte[] Contents(Section section) =>
            section.Type == ShtNobits ? [] : ReadAt(stream, path, section.Offset, section.Size);

        private void Require(byte[] data, long offset, int length)
        {
            if (offset < 0 || offset + length > data.Length)
                throw new InvalidDataException($"{path}: a version entry runs past the end of its section");
        }

        private string Text(byte[] strings, uint offset)
        {
            if (offset >= strings.Length) throw new InvalidDataException($"{path}: string offset {offset} is outside its table");
            var end = Array.IndexOf(strings, (byte)0, (int)offset);
            if (end < 0) throw new InvalidDataException($"{path}: unterminated string at {offset}");
            return Encoding.UTF8.GetString(strings, (int)offset, end - (int)offset);
        }

        private static byte[] ReadAt(FileStream stream, string path, long offset, long length)
        {
            if (offset < 0 || length < 0 || length > int.MaxValue || offset + length > stream.Length)
                throw new InvalidDataException($"{path} is too short: wanted {length} bytes at {offset}");
            var buffer = new byte[length];
            stream.Position = offset;
            var done = 0;
            while (done < buffer.Length)
            {
                var read = stream.Read(buffer, done, buffer.Length - done);
                if (read == 0) throw new InvalidDataException($"{path} ended early");
                done += read;
            }
            return buffer;
        }
    }

    private readonly struct Section
    {
        public Section(uint type, long offset, long size, uint link, uint info, long entrySize)
        {
            Type = type;
            Offset = offset;
            Size = size;
            Link = link;
            Info = info;
            EntrySize = entrySize;
        }

        public uint Type { get; }
        public long Offset { get; }
        public long Size { get; }
        public uint Link { get; }
        public uint Info { get; }
        public long EntrySize { get; }
    }

    // ELF fields are little-endian here whatever the host; BinaryPrimitives is not in netstandard2.0.
    internal static ushort U16(byte[] b, int o) => (ushort)(b[o] | b[o + 1] << 8);

    private static uint U32(byte[] b, int o) => (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24);

    private static ulong U64(byte[] b, int o) => U32(b, o) | (ulong)U32(b, o + 4) << 32;
}

/// <summary>A missing version that the weak flag cannot (or must not) paper over, and why.</summary>
public sealed record UnfixableNeed
{
    /// <summary>Describes one need left as it was.</summary>
    public UnfixableNeed(VersionNeed need, string systemLibrary, string reason)
    {
        Need = need;
        SystemLibrary = systemLibrary;
        Reason = reason;
    }

    /// <summary>The need.</summary>
    public VersionNeed Need { get; }

    /// <summary>The system library that lacks the version.</summary>
    public string SystemLibrary { get; }

    /// <summary>Why it was left alone.</summary>
    public string Reason { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Need.Version} from {Need.File} ({SystemLibrary}): {Reason}";
}

/// <summary>What <see cref="CompatPatch.Apply"/> found and did.</summary>
public sealed record CompatPatchResult
{
    /// <summary>Describes one run.</summary>
    public CompatPatchResult(string library, IReadOnlyList<VersionNeed> patched, IReadOnlyList<VersionNeed> alreadyWeak,
        IReadOnlyList<UnfixableNeed> unfixable, IReadOnlyDictionary<string, string> systemLibraries,
        IReadOnlyList<VersionNeed>? leftAlone = null)
    {
        LeftAlone = leftAlone ?? [];
        Library = library;
        Patched = patched;
        AlreadyWeak = alreadyWeak;
        Unfixable = unfixable;
        SystemLibraries = systemLibraries;
    }

    /// <summary>The library checked (full path).</summary>
    public string Library { get; }

    /// <summary>Needs this run marked weak (their flags as they were before); empty when the file was not written.</summary>
    public IReadOnlyList<VersionNeed> Patched { get; }

    /// <summary>Needs the system lacks that were weak already (an earlier run, or a newer TorchSharp built that way).</summary>
    public IReadOnlyList<VersionNeed> AlreadyWeak { get; }

    /// <summary>Missing versions the flag cannot fix; when there are any, nothing was written.</summary>
    public IReadOnlyList<UnfixableNeed> Unfixable { get; }

    /// <summary>Missing libstdc++/libgcc_s versions that could have been marked weak but were not, because of
    /// <see cref="Unfixable"/>.</summary>
    public IReadOnlyList<VersionNeed> LeftAlone { get; }

    /// <summary>Soname to system path for each dependency that lacks a needed version (e.g. libstdc++.so.6 to
    /// /usr/lib/x86_64-linux-gnu/libstdc++.so.6).</summary>
    public IReadOnlyDictionary<string, string> SystemLibraries { get; }

    /// <summary>Whether this run wrote the file.</summary>
    public bool Changed => Patched.Count > 0;
}

/// <summary>Marks the libstdc++/libgcc_s version needs that the system cannot satisfy as weak, in a copy of a native
/// library that sits in a build output folder, so that glibc's loader accepts it on an older distribution.</summary>
public static class CompatPatch
{
    private static readonly string[] RuntimeSonames = ["libstdc++.so.6", "libgcc_s.so.1"];

    /// <summary>Checks <paramref name="library"/> against the system's libraries and, on Linux, when every missing
    /// version is a libstdc++ or libgcc_s one that no relocation binds a symbol to, sets VER_FLG_WEAK in those
    /// Vernaux entries. The file is rewritten atomically (a copy beside it, renamed over it, mode kept) and only when
    /// a flag changes, so a second run, or a run on a distribution that has the versions, writes nothing. A missing
    /// version of any other library (GLIBC_2.38 from libc.so.6, say) cannot be made optional: nothing is written and
    /// the result lists it in <see cref="CompatPatchResult.Unfixable"/>.</summary>
    /// <param name="library">A copy in a build or publish folder, never the NuGet cache's file.</param>
    /// <param name="log">Receives one line per finding, for a build log.</param>
    /// <exception cref="ArgumentException"><paramref name="library"/> is inside the NuGet packages folder.</exception>
    /// <exception cref="InvalidDataException">The file is not an ELF64 little-endian object or is damaged.</exception>
    public static CompatPatchResult Apply(string library, Action<string> log)
    {
        var path = Path.GetFullPath(library);
        if (InNuGetPackages(path))
        {
            throw new ArgumentException(
                $"{path} is in the NuGet packages folder; patch the copy in the build output instead", nameof(library));
        }
        var none = new CompatPatchResult(path, [], [], [], new Dictionary<string, string>());
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            log($"{path}: not on Linux, nothing to check");
            return none;
        }

        var missing = ElfVersionNeeds.Check(path, new ElfVersionNeeds.SystemLibraries(ElfVersionNeeds.MachineOf(path)));
        var systemLibraries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (need, system) in missing) systemLibraries[need.File] = system;
        var alreadyWeak = missing.Where(m => m.Need.IsWeak).Select(m => m.Need).ToList();
        var strong = missing.Where(m => !m.Need.IsWeak).ToList();
        foreach (var need in alreadyWeak) log($"{path}: {need.Version} from {need.File} is missing on the system and already weak");
        if (strong.Count == 0)
        {
            if (alreadyWeak.Count == 0) log($"{path}: the system's libraries define every version it needs");
            return new CompatPatchResult(path, [], alreadyWeak, [], systemLibraries);
        }

        var unfixable = new List<UnfixableNeed>();
        foreach (var (need, system) in strong)
        {
            if (!RuntimeSonames.Contains(need.File))
            {
                unfixable.Add(new UnfixableNeed(need, system,
                    "only libstdc++ and libgcc_s versions can be marked weak"));
                continue;
            }
            var relocated = ElfVersionNeeds.RelocatedSymbols(path, need);
            if (relocated.Count > 0)
            {
                unfixable.Add(new UnfixableNeed(need, system,
                    $"{string.Join(", ", relocated.Take(3))}{(relocated.Count > 3 ? $" and {relocated.Count - 3} more" : "")} "
                    + "would be bound to it, so marking it weak would only move the failure to the first call"));
            }
        }
        if (unfixable.Count > 0)
        {
            // The loader will refuse the library for these anyway: writing the fixable ones would change it for nothing.
            var leftAlone = strong.Select(s => s.Need).Where(n => unfixable.All(u => u.Need != n)).ToList();
            foreach (var u in unfixable) log($"{path}: cannot fix {u}");
            foreach (var need in leftAlone) log($"{path}: left {need} as it is, since the library cannot load here anyway");
            return new CompatPatchResult(path, [], alreadyWeak, unfixable, systemLibraries, leftAlone);
        }

        WriteWeakFlags(path, strong.Select(s => s.Need).ToList());
        foreach (var (need, system) in strong) log($"{path}: marked {need.Version} from {need.File} weak ({system} lacks it)");
        return new CompatPatchResult(path, strong.Select(s => s.Need).ToList(), alreadyWeak, [], systemLibraries);
    }

    /// <summary>Whether <paramref name="fullPath"/> is inside a NuGet packages folder (~/.nuget/packages or
    /// $NUGET_PACKAGES): every project on the machine shares those files, so they are never patched.</summary>
    private static bool InNuGetPackages(string fullPath)
    {
        var normalised = fullPath.Replace('\\', '/');
        var inCache = normalised.IndexOf("/.nuget/packages/", StringComparison.OrdinalIgnoreCase) >= 0;
        var custom = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrWhiteSpace(custom))
        {
            var root = Path.GetFullPath(custom!).Replace('\\', '/').TrimEnd('/') + "/";
            inCache |= normalised.StartsWith(root, StringComparison.Ordinal);
        }
        return inCache;
    }

    /// <summary>Copies the file beside itself (File.Copy keeps the mode), sets the weak bits in the copy, flushes it
    /// and renames it over the original: a reader sees the old file or the new one, never half of each, and a hard
    /// link or symbolic link to the NuGet cache is replaced rather than written through.</summary>
    private static void WriteWeakFlags(string path, IReadOnlyList<VersionNeed> needs)
    {
        var folder = Path.GetDirectoryName(path) ?? ".";
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.Copy(path, temporary, overwrite: false);
#if NET7_0_OR_GREATER
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
#endif
            using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                var field = new byte[2];
                foreach (var need in needs)
                {
                    stream.Position = need.FlagsOffset;
                    if (stream.Read(field, 0, 2) != 2 || ElfVersionNeeds.U16(field, 0) != need.Flags)
                        throw new IOException($"{path} changed while it was being patched");
                    var flags = (ushort)(need.Flags | ElfVersionNeeds.WeakFlag);
                    field[0] = (byte)flags;
                    field[1] = (byte)(flags >> 8);
                    stream.Position = need.FlagsOffset;
                    stream.Write(field, 0, 2);
                }
                stream.Flush(flushToDisk: true);
            }
#if NET
            File.Move(temporary, path, overwrite: true);
#else
            File.Replace(temporary, path, null);   // rename(2) on Unix; netstandard2.0 has no File.Move(..., overwrite)
#endif
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}

#if !HYDROWORKSHOP_LIBRARY
/// <summary>MSBuild task (lib/build/LibTorchSharp.targets): runs <see cref="CompatPatch.Apply"/> on the copy of
/// libLibTorchSharp.so in an output or publish folder and reports what it did in the build log.</summary>
public sealed class PatchLibTorchSharp : Microsoft.Build.Utilities.Task
{
    /// <summary>The copy to patch in place.</summary>
    [Microsoft.Build.Framework.Required]
    public string Library { get; set; } = "";

    /// <summary>False leaves the file alone. LibTorchSharp.targets skips the whole target instead when
    /// <c>HwLibStdCxxCompat</c> is <c>false</c>; this is for other callers.</summary>
    public bool Enabled { get; set; } = true;

    /// <inheritdoc />
    public override bool Execute()
    {
        if (!Enabled)
        {
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                $"HydroWorkshop: libstdc++ compatibility patch off; {Library} left as shipped");
            return true;
        }
        try
        {
            var result = CompatPatch.Apply(Library,
                line => Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "HydroWorkshop: " + line));
            foreach (var group in result.Patched.GroupBy(n => n.File))
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                    $"HydroWorkshop: marked {string.Join(", ", group.Select(n => n.Version))} weak in {result.Library} "
                    +
                        $"(system {SystemName(group.Key)} {result.SystemLibraries[group.Key]} lacks it; see docs/articles/engine.md, 'Old libstdc++')");
            }
            foreach (var unfixable in result.Unfixable)
            {
                Log.LogWarning(null, "HW0001", null, result.Library, 0, 0, 0, 0,
                    $"HydroWorkshop: {Path.GetFileName(result.Library)} needs {unfixable.Need.Version} from {unfixable.Need.File}, which "
                    + $"{unfixable.SystemLibrary} lacks, so it will not load on this machine: {unfixable.Reason}. It needs a "
                    +
                        $"distribution with a newer {unfixable.Need.File} (see docs/articles/engine.md, 'Old libstdc++'); the file was left unchanged.");
            }
            return true;
        }
        catch (ArgumentException e)
        {
            Log.LogError(null, "HW0002", null, Library, 0, 0, 0, 0, "HydroWorkshop: " + e.Message);
            return false;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Log.LogWarning(null, "HW0003", null, Library, 0, 0, 0, 0,
                $"HydroWorkshop: could not check {Library} for versions this system's libstdc++ lacks: {e.Message}");
            return true;
        }
    }

    private static string SystemName(string soname) =>
        soname.StartsWith("libstdc++", StringComparison.Ordinal) ? "libstdc++"
        : soname.StartsWith("libgcc_s", StringComparison.Ordinal) ? "libgcc_s" : soname;
}
#endif
