using System.Runtime.InteropServices;

namespace HydroWorkshop.Engine;

/// <summary>
/// Keeps freed tensor memory in the process (glibc's malloc), so that the next tensor of the same size does not pay for
/// fresh pages. libtorch's CPU tensors come from <c>malloc</c>; glibc serves blocks above its mmap threshold (128 KiB at
/// first, raised to the largest block freed so far) with a new mapping each time, whose every page faults on first touch,
/// and returns free memory at the top of its heap to the system beyond its trim threshold. A one-pass flood roll-out
/// (tensors of 96 x 64 x 64 floats, 1.5 MB) took 73-76 ms in processes with glibc's own thresholds and 16-18 ms with
/// them fixed high, by that history alone (the VM's page faults are slow; docs/articles/engine.md, "Memory allocator").
/// This is what PyTorch users get from jemalloc or tcmalloc; here it is two <c>mallopt</c> calls. The price is memory:
/// blocks freed below <see cref="MmapThreshold"/> stay in the process for reuse (free space inside a heap is never
/// returned, and the main heap keeps up to <see cref="TrimThreshold"/> free at its top; the heaps of other threads'
/// arenas, at most 64 MiB each, are released only when empty).
/// <para>
/// Applied with the engine (<see cref="EngineInfo.EnsureLoaded"/>), on Linux with glibc only; <c>HW_MALLOC=default</c>
/// leaves glibc's own (dynamic) thresholds, and so does a choice of the user's own (<c>GLIBC_TUNABLES</c> with
/// <c>glibc.malloc</c>, <c>MALLOC_MMAP_THRESHOLD_</c>, <c>MALLOC_TRIM_THRESHOLD_</c>).
/// </para>
/// </summary>
public static class MallocSettings
{
    /// <summary>The kit's switch: <c>default</c> leaves glibc's thresholds as they are.</summary>
    public const string Variable = "HW_MALLOC";

    /// <summary>Blocks below this (bytes) come from the heap: glibc's largest allowed mmap threshold on 64-bit (32 MiB).</summary>
    public const int MmapThreshold = 32 << 20;

    /// <summary>Free memory at the top of the heap (bytes) kept before glibc returns it to the system.</summary>
    public const int TrimThreshold = 512 << 20;

    // mallopt's parameters (malloc.h).
    private const int MTrimThreshold = -1, MMmapThreshold = -3;

    private static readonly Lock Gate = new();
    private static bool applied;

    /// <summary>What <see cref="Apply"/> did, once applied: "fixed (...)", "glibc's own (...)", or why not.</summary>
    public static string? Applied { get; private set; }

    /// <summary>Whether to fix the thresholds: unless <paramref name="choice"/> (<see cref="Variable"/>) is <c>default</c>,
    /// on Linux only. A value other than <c>default</c> is reported by <see cref="Apply"/> and otherwise ignored.</summary>
    public static bool ShouldFix(string? choice, bool linux) =>
        linux && !string.Equals(choice?.Trim(), "default", StringComparison.OrdinalIgnoreCase);

    /// <summary>The user's own malloc settings in <paramref name="environment"/>, which the kit leaves alone: the first of
    /// <c>MALLOC_MMAP_THRESHOLD_</c>, <c>MALLOC_TRIM_THRESHOLD_</c> and <c>GLIBC_TUNABLES</c> with a <c>glibc.malloc</c>
    /// tunable; null when none is set.</summary>
    public static string? UserSettings(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var name in new[] { "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_" })
            if (!string.IsNullOrEmpty(environment(name))) return name;
        return environment("GLIBC_TUNABLES") is { } tunables && tunables.Contains("glibc.malloc.", StringComparison.Ordinal)
            ? "GLIBC_TUNABLES" : null;
    }

    /// <summary>Applies the settings once per process; later calls do nothing.</summary>
    internal static void Apply()
    {
        lock (Gate)
        {
            if (applied) return;
            applied = true;
            var choice = Environment.GetEnvironmentVariable(Variable);
            var linux = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);
            var note = string.IsNullOrEmpty(choice) || !ShouldFix(choice, linux: true) ? ""
                : $"; {Variable}={choice} ignored: default keeps glibc's";
            if (!ShouldFix(choice, linux))
            {
                Applied = linux ? $"glibc's own ({Variable}={choice})" : null;
                return;
            }
            if (UserSettings(Environment.GetEnvironmentVariable) is { } user)
            {
                Applied = $"the user's own ({user} is set)" + note;
                return;
            }
            try
            {
                var mmap = mallopt(MMmapThreshold, MmapThreshold) == 1;
                var trim = mallopt(MTrimThreshold, TrimThreshold) == 1;
                Applied = (mmap && trim
                    ? $"fixed (mmap threshold {MmapThreshold >> 20} MiB, trim threshold {TrimThreshold >> 20} MiB; " +
                      $"{Variable}=default leaves glibc's)"
                    : $"glibc refused {(mmap ? "the trim threshold" : trim ? "the mmap threshold" : "both thresholds")} " +
                      "(mallopt returned 0): its own in use there") + note;
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                Applied = "not glibc (no mallopt): the C library's own allocator settings" + note;
            }
        }
    }

    [DllImport("libc", ExactSpelling = true)]
    private static extern int mallopt(int param, int value);
}
