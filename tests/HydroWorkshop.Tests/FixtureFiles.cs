using System.Runtime.CompilerServices;
using HydroWorkshop.Common;

namespace HydroWorkshop.Tests;

/// <summary>Files under tests/fixtures that are not copied beside the test assembly (the .safetensors
/// fixture, the Python helper). Found from the repository root, or, when the tests run from a build
/// folder outside the repository (--artifacts-path), from this source file's location.</summary>
internal static class FixtureFiles
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([Root(), "tests", "fixtures", .. parts]);

    private static string Root([CallerFilePath] string source = "") =>
        ProjectPaths.FindRepositoryRoot()
        ?? System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(source)!, "..", ".."));
}
