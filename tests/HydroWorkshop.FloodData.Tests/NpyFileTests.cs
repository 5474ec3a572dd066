using System.Diagnostics;
using Xunit;

namespace HydroWorkshop.FloodData.Tests;

public sealed class NpyFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("npy-tests-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Write_ThenRead_RoundTripsFloatAndByteArrays()
    {
        var values = Enumerable.Range(0, 24).Select(k => k * 0.5f - 3).ToArray();
        var floats = Path.Combine(folder, "a.npy");
        var bytes = Path.Combine(folder, "b.npy");

        NpyFile.Write(floats, values, [2, 3, 4]);
        NpyFile.Write(bytes, new byte[] { 0, 1, 1, 0 }, [4]);

        var a = NpyFile.Read(floats);
        Assert.Equal([2, 3, 4], a.Shape);
        Assert.Equal(values, a.Data);
        var b = NpyFile.Read(bytes);
        Assert.Equal([4], b.Shape);
        Assert.Equal([0f, 1f, 1f, 0f], b.Data);
        Assert.Equal(0, (new FileInfo(floats).Length - 24 * 4) % 64); // header padded to 64 bytes as the format asks
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void Write_ShapeNotMatchingData_Throws()
    {
        Assert.Throws<ArgumentException>(() => NpyFile.Write(Path.Combine(folder, "c.npy"), new float[5], [2, 3]));
    }

    [Fact]
    public void Read_NotAnNpyFile_ThrowsNamingFile()
    {
        var path = Path.Combine(folder, "bad.npy");
        File.WriteAllText(path, "hello world, not numpy");

        var error = Assert.Throws<InvalidDataException>(() => NpyFile.Read(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Write_ReadByNumpy_GivesSameValuesAndShape()
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python)) return; // numpy interop is checked where the system Python exists (scripts/setup.sh installs it)
        var path = Path.Combine(folder, "numpy.npy");
        NpyFile.Write(path, Enumerable.Range(0, 6).Select(k => k * 1.25f).ToArray(), [2, 3]);
        var start = new ProcessStartInfo(python, ["-c",
            $"import numpy as np; a = np.load(r'{path}'); print(a.shape, a.dtype, float(a.sum()), float(a[1, 2]))"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (text.Contains("No module named 'numpy'")) return;

        Assert.Equal(0, process.ExitCode);
        Assert.Equal("(2, 3) float32 18.75 6.25", text.Trim());
    }
}
