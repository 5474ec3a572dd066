using System.Runtime.InteropServices;

namespace HydroWorkshop.Engine;

/// <summary>
/// Keeps freed tensor memory in the process (glibc's malloc), so that the next tensor of the same size does not pay for
/// fresh pages. libtorch's CPU tensors come from <c>malloc</c>; glibc serves blocks above its mmap threshold (128 KiB at
/// first, raised to the largest block freed so far) with a new mapping each time, whose every page faults on first touch,
/// and returns free memory at the top of its heap to the system beyond its trim threshold. A one-pass flood roll-out
/// (tensors of 96 x 64 x 64 floats, 1.5 MB) spent 35-45 ms in its dozen elementwise operations in some processes and 1 ms
/// in others, by that history alone (the VM's page faults are slow); with the thresholds fixed high, every process
/// ran them in about 1 ms (docs/articles/engine.md, "Memory allocator"). This is what PyTorch users get from jemalloc or
/// tcmalloc; here it is two <c>mallopt</c> calls. The price: memory freed below <see cref="MmapThreshold"/> stays in the
/// process, up to <see cref="TrimThreshold"/> above what is in use.
/// <para>
/// Applied with the engine (<see cref="EngineInfo.EnsureLoaded"/>), on Linux with glibc only; <c>HW_MALLOC=default</c>
/// leaves glibc's own (dynamic) thresholds.
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
    public static bool ShouldFix(string? choice, bool linux) => linux && choice != "default";

    /// <summary>Applies the settings once per process; later calls do nothing.</summary>
    internal static void Apply()
    {
        lock (Gate)
        {
            if (applied) return;
            applied = true;
            var choice = Environment.GetEnvironmentVariable(Variable);
            var note = string.IsNullOrEmpty(choice) || choice == "default" ? "" : $"; {Variable}={choice} ignored: default keeps glibc's";
            if (!ShouldFix(choice, RuntimeInformation.IsOSPlatform(OSPlatform.Linux)))
            {
                Applied = choice == "default" ? $"glibc's own ({Variable}=default)" : null;
                return;
            }
            try
            {
                var fixedBoth = mallopt(MMmapThreshold, MmapThreshold) == 1 && mallopt(MTrimThreshold, TrimThreshold) == 1;
                Applied = (fixedBoth
                    ? $"fixed (mmap threshold {MmapThreshold >> 20} MiB, trim threshold {TrimThreshold >> 20} MiB; " +
                      $"{Variable}=default leaves glibc's)"
                    : "glibc refused the thresholds (mallopt returned 0): its own are in use") + note;
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
