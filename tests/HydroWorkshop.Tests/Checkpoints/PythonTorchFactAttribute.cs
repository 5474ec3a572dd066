using System.Diagnostics;
using Xunit;

namespace HydroWorkshop.Tests.Checkpoints;

/// <summary>A fact that runs Debian's /usr/bin/python3 with python3-torch; skipped, with the reason shown,
/// where either is missing.</summary>
public sealed class PythonTorchFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(FindMissing);

    public PythonTorchFactAttribute()
    {
        if (Missing.Value is { } reason) Skip = reason;
    }

    private static string? FindMissing()
    {
        if (!File.Exists(Python)) return $"{Python} not found (Debian's python3 runs the cross-language safetensors test)";
        var (code, output) = Run("-c \"import torch\"", TimeSpan.FromSeconds(60));
        return code == 0 ? null : $"{Python} cannot import torch (install python3-torch): {output.Trim()}";
    }

    /// <summary>Runs python3 with <paramref name="arguments"/>; returns the exit code and stdout+stderr.</summary>
    public static (int Code, string Output) Run(string arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Python, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
