using HydroWorkshop.Common;
using Xunit;

namespace HydroWorkshop.Tests.Architecture;

/// <summary>C# lines in lib/ and tests/ stay within <see cref="Limit"/> characters, so that diffs and side-by-side reviews
/// read without scrolling; a string literal on a line of its own may run past it (<see cref="SourceLines"/>).</summary>
public sealed class LineLengthTests
{
    private const int Limit = 140;

    private static readonly string Words = string.Join(" ", Enumerable.Repeat("word", 40));

    private static readonly string LongSum = string.Join(" + ", Enumerable.Repeat("1", 70));

    [Fact]
    public void TooLong_RepositorySources_NoLineOverTheLimit()
    {
        var root = ProjectPaths.FindRepositoryRoot() ?? throw new InvalidOperationException("HydroWorkshop.sln not found above the tests");
        var files = SourceFiles(root, "lib").Concat(SourceFiles(root, "tests")).ToList();

        var tooLong = files
            .SelectMany(f => SourceLines.TooLong(File.ReadAllText(f), Limit).Select(n => $"{Path.GetRelativePath(root, f)}:{n}"))
            .ToList();

        Assert.True(files.Count > 100, $"only {files.Count} C# files found under {root}");
        Assert.True(tooLong.Count == 0, $"Lines longer than {Limit} characters (break after a comma or before an operator, "
            + "the continuation indented 4 more):\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void TooLong_CodeLineOverTheLimit_NamesItsLine()
    {
        var text = $"namespace X;\n\nclass A\n{{\n    int B() => {LongSum};\n}}\n";

        Assert.Equal([5], SourceLines.TooLong(text, Limit));
    }

    [Fact]
    public void TooLong_LiteralFirstOrInsideMultiLineString_IsAllowed()
    {
        var text = $"var a = F(1,\n    \"{Words}\");\nvar b = x\n    ?? $\"{Words}\";\nvar c = \"\"\"\n    {Words}\n    \"\"\";\n"
            + $"var d = @\"first\n{Words}\";\nvar e = $\"{{F(\"x\")}}\" + @\"\n{Words}\";\n";

        Assert.Empty(SourceLines.TooLong(text, Limit));
        Assert.Equal([6, 7, 9, 11], SourceLines.LinesInsideStrings(text).Order().Select(n => n + 1));
    }

    [Fact]
    public void TooLong_LongCommentOrLiteralAfterCode_IsReported()
    {
        var text = $"// {Words}\nvar a = \"{Words}\";\n/* \"\"\" */ var b = 1; // {Words}\nvar c = {LongSum};\n";

        Assert.Equal([1, 2, 3, 4], SourceLines.TooLong(text, Limit));
    }

    /// <summary>The .cs files under <paramref name="folder"/>, without build outputs and npm packages.</summary>
    private static IEnumerable<string> SourceFiles(string root, string folder) =>
        Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(p => p is "obj" or "bin" or "node_modules"))
            .Order(StringComparer.Ordinal);
}
