namespace HydroWorkshop.Kernel;

/// <summary>The kernel's own log: the process's original standard error (Jupyter shows it in the server
/// log), never the cell output.</summary>
public static class KernelLog
{
    private static readonly TextWriter Error = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };

    public static bool Verbose { get; set; } = Environment.GetEnvironmentVariable("HYDROWORKSHOP_KERNEL_DEBUG") == "1";

    public static void Write(string message)
    {
        lock (Error) Error.WriteLine($"[HydroWorkshop.Kernel {DateTime.Now:HH:mm:ss.fff}] {message}");
    }

    public static void Debug(string message)
    {
        if (Verbose) Write(message);
    }
}
