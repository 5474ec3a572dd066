using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HydroWorkshop.Kernel.Install;

/// <summary>
/// One kernel per checkout. The set-up installs one user kernelspec, <c>hydroworkshop-csharp</c> (notebooks name
/// it), pointing at the kernel of whichever checkout ran set-up last. Jupyter starts a kernel in the notebook's
/// folder, so the kernel looks there: when the notebook lies in another checkout of the kit (a folder with
/// <c>HydroWorkshop.sln</c> above it) that has its own built kernel (<c>out/kernel</c>), it runs that one instead, as
/// a child process on the same connection file. Two clones on one machine then never run each other's code or
/// write into each other's folders, whichever ran set-up last.
/// </summary>
public static partial class CheckoutKernel
{
    /// <summary>Set in a delegated kernel's environment to the launching kernel's process id (no second hop; the
    /// child exits when its launcher is gone).</summary>
    public const string DelegatedVariable = "HYDROWORKSHOP_KERNEL_DELEGATED";

    /// <summary>Set to 0 to turn delegation off (always run the kernel the kernelspec names).</summary>
    public const string SwitchVariable = "HYDROWORKSHOP_KERNEL_PER_CHECKOUT";

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The checkout holding <paramref name="folder"/> (nearest folder upwards with HydroWorkshop.sln), or null.</summary>
    public static string? CheckoutRoot(string folder)
    {
        for (var current = new DirectoryInfo(Path.GetFullPath(folder)); current is not null; current = current.Parent)
        {
            if (File.Exists(Path.Combine(current.FullName, "HydroWorkshop.sln"))) return current.FullName;
        }
        return null;
    }

    /// <summary>The kernel the set-up publishes in a checkout.</summary>
    public static string KernelOf(string checkoutRoot) => Path.Combine(checkoutRoot, "out", "kernel", "HydroWorkshop.Kernel.dll");

    /// <summary>
    /// Which kernel should serve a notebook in <paramref name="workingDirectory"/>: <c>Delegate</c> is the other
    /// checkout's kernel to run, null to run <paramref name="runningKernel"/> itself (outside any checkout, inside
    /// the running kernel's own checkout, or when the other checkout has no built kernel: <c>Warning</c> says so).
    /// </summary>
    public static (string? Delegate, string? Warning) Choose(string workingDirectory, string runningKernel)
    {
        if (Environment.GetEnvironmentVariable(SwitchVariable) == "0" || Environment.GetEnvironmentVariable(DelegatedVariable) is not null)
            return (null, null);
        var root = CheckoutRoot(workingDirectory);
        if (root is null || IsInside(Path.GetFullPath(runningKernel), root)) return (null, null);
        var kernel = KernelOf(root);
        if (!File.Exists(kernel))
        {
            return (null, $"the notebook is in the checkout {root}, whose kernel is not built ({kernel} is missing; " +
                          $"run scripts/setup.sh there); running {runningKernel} instead");
        }
        return (kernel, null);
    }

    /// <summary>Runs <paramref name="kernel"/> with <paramref name="arguments"/> as a child in this folder and returns its
    /// exit code. Interrupt and termination signals sent to this process are passed on.</summary>
    public static int RunDelegated(string kernel, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(KernelSpecInstaller.DotnetHost()) { UseShellExecute = false,
            WorkingDirectory = Environment.CurrentDirectory };
        start.ArgumentList.Add(kernel);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment[DelegatedVariable] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {kernel}");
        // Jupyter signals the kernel's process group (the child is in it); a signal sent to this process alone is passed on.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Forward(signal, child, 2));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Forward(signal, child, 15));
        child.WaitForExit();
        return child.ExitCode;
    }

    /// <summary>In a delegated kernel: ends the process when the launching kernel is gone (killed without its group,
    /// or on Windows, where there are no process groups), so no orphan keeps the ports.</summary>
    public static void ExitWithLauncher()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(DelegatedVariable), out var launcherId)) return;
        Process launcher;
        try
        {
            launcher = Process.GetProcessById(launcherId);
        }
        catch (ArgumentException)
        {
            Environment.Exit(1);
            return;
        }
        new Thread(() =>
        {
            launcher.WaitForExit();
            KernelLog.Write($"the launching kernel (process {launcherId}) ended; exiting");
            Environment.Exit(1);
        }) { IsBackground = true, Name = "launcher-watch" }.Start();
    }

    private static void Forward(PosixSignalContext signal, Process child, int number)
    {
        signal.Cancel = true;
        if (child.HasExited) return;
        if (OperatingSystem.IsWindows()) child.Kill();
        else _ = Kill(child.Id, number);
    }

    private static bool IsInside(string path, string root) =>
        path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, PathComparison);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
