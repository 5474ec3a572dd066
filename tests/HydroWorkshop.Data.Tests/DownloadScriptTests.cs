using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using HydroWorkshop.Data.Synthetic;
using HydroWorkshop.TestSupport;
using Xunit;

namespace HydroWorkshop.Data.Tests;

/// <summary>data-scripts/download-camels-us.sh, fed with small archives in the release's layout that the test builds
/// (no network): checksum, zip integrity, layout and basin count are checked before DEST is written.</summary>
public class DownloadScriptTests
{
    private static readonly SyntheticCamelsOptions Tiny = new() { Basins = 2, Start = new DateOnly(2000, 1, 1),
        End = new DateOnly(2000, 3, 31), Seed = 5 };

    private sealed record Archives(string TimeSeries, string Attributes, string TimeSeriesSha, string AttributesSha);

    private static Archives Build(TempFolder temp)
    {
        var release = Path.Combine(temp.Path, "release");
        SyntheticCamels.Generate(release, Tiny);
        var timeSeries = Path.Combine(temp.Path, "basin_timeseries_v1p2_metForcing_obsFlow.zip");
        var attributes = Path.Combine(temp.Path, "camels_attributes_v2.0.zip");
        ZipFile.CreateFromDirectory(Path.Combine(release, SyntheticCamels.ReleaseFolder), timeSeries, CompressionLevel.Fastest,
            includeBaseDirectory: true);
        ZipFile.CreateFromDirectory(Path.Combine(release, "camels_attributes_v2.0"), attributes, CompressionLevel.Fastest,
            includeBaseDirectory: true);
        return new Archives(timeSeries, attributes, Sha(timeSeries), Sha(attributes));

        static string Sha(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();
    }

    private static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var script = Path.Combine(RepositoryRoot(), "data-scripts", "download-camels-us.sh");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string RepositoryRoot() =>
        Common.ProjectPaths.FindRepositoryRoot()
        ?? typeof(DownloadScriptTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    [Fact]
    public void Script_VerifiedArchives_UnpackIntoReadableLayout()
    {
        using var temp = new TempFolder();
        var a = Build(temp);
        var dest = Path.Combine(temp.Path, "camels-us");
        var (code, output) = Run("--dest", dest, "--timeseries-archive", a.TimeSeries, "--attributes-archive", a.Attributes,
            "--sha256-timeseries", a.TimeSeriesSha, "--sha256-attributes", a.AttributesSha, "--expect-basins", "2");
        Assert.True(code == 0, output);
        Assert.Contains("checksum ok", output);
        Assert.Contains("CAMELS-US ready: 2 basins, forcings: daymet(2), attributes: 7 files", output);
        var camels = CamelsUs.Open(dest);
        Assert.Equal(2, camels.BasinIds.Count);
        Assert.Equal(Tiny.Days, camels.ReadBasin(camels.BasinIds[0]).Days);
        Assert.Equal(2, camels.Attributes.BasinIds.Count);
        Assert.Contains(a.TimeSeriesSha, File.ReadAllText(Path.Combine(dest, "archives.sha256")));
        Assert.Empty(Directory.GetDirectories(temp.Path, ".camels-us*"));   // the work folder is gone
    }

    [Fact]
    public void Script_ChecksumMismatch_FailsAndWritesNothing()
    {
        using var temp = new TempFolder();
        var a = Build(temp);
        var dest = Path.Combine(temp.Path, "camels-us");
        var (code, output) = Run("--dest", dest, "--timeseries-archive", a.TimeSeries, "--attributes-archive", a.Attributes,
            "--sha256-timeseries", new string('0', 64), "--expect-basins", "2");
        Assert.Equal(3, code);
        Assert.Contains("checksum mismatch", output);
        Assert.Contains(a.TimeSeriesSha, output);
        Assert.False(Directory.Exists(dest));
    }

    [Fact]
    public void Script_TruncatedArchiveOrWrongCount_Fails()
    {
        using var temp = new TempFolder();
        var a = Build(temp);
        var dest = Path.Combine(temp.Path, "camels-us");
        var bytes = File.ReadAllBytes(a.TimeSeries);
        var truncated = Path.Combine(temp.Path, "truncated.zip");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var (code, output) = Run("--dest", dest, "--timeseries-archive", truncated, "--attributes-archive", a.Attributes,
            "--expect-basins", "2");
        Assert.Equal(4, code);
        Assert.Contains("not a valid zip archive", output);
        (code, output) = Run("--dest", dest, "--timeseries-archive", a.TimeSeries, "--attributes-archive", a.Attributes);
        Assert.Equal(6, code);
        Assert.Contains("holds 2 streamflow files, expected 671", output);
        Assert.False(Directory.Exists(dest));
    }
}
