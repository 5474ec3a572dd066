using HydroWorkshop.Kernel.Execution;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

[Collection(KernelCollection.Name)]
public class CodeIntelligenceTests(ExecutorFixture fixture) : IClassFixture<ExecutorFixture>
{
    private readonly CodeIntelligence intelligence = new(fixture.Executor);

    [Theory]
    [InlineData("var x = 1;", "complete")]
    [InlineData("1 + 1", "complete")]
    [InlineData("if (true) {", "incomplete")]
    [InlineData("Console.WriteLine(", "incomplete")]
    [InlineData("var x = ;", "invalid")]
    [InlineData("#!time\nvar y = 2;", "complete")]
    [InlineData("#!nosuch\n1", "invalid")]
    public void IsComplete_Samples_Status(string code, string status)
    {
        Assert.Equal(status, CodeIntelligence.IsComplete(code).Status);
    }

    [Fact]
    public void IsComplete_OpenBlock_IndentSuggested()
    {
        Assert.Equal("    ", CodeIntelligence.IsComplete("for (var i = 0; i < 3; i++) {").Indent);
    }

    [Fact]
    public void Complete_MembersAfterDot_OnlyMatchingMembers()
    {
        var result = intelligence.Complete("Console.Wri", 11);
        Assert.Equal(["Write", "WriteLine"], result.Matches);
        Assert.Equal(8, result.CursorStart);
        Assert.Equal(11, result.CursorEnd);
    }

    [Fact]
    public void Complete_InstanceMembersAndExtensions_FromExpressionType()
    {
        var matches = intelligence.Complete("new List<int>().Cou", 19).Matches;
        Assert.Contains("Count", matches);
    }

    [Fact]
    public void Complete_VariableFromEarlierCell_InScope()
    {
        Assert.True(fixture.Executor.Execute("var bedElevationCompletion = 12.5;", 50001).IsSuccess);
        Assert.Equal(["bedElevationCompletion"], intelligence.Complete("bedElevationCompl", 17).Matches);
    }

    [Fact]
    public void Complete_CodePointCursor_AfterAstralCharacter()
    {
        // "🌊" is one code point but two UTF-16 units.
        var code = "var s = \"🌊\"; Math.Sqr";
        var result = intelligence.Complete(code, code.Length - 1);
        Assert.Equal(["Sqrt"], result.Matches);
        Assert.Equal(code.Length - 4, result.CursorStart);
    }

    [Fact]
    public void Inspect_LibraryMethod_SignatureAndXmlSummary()
    {
        var result = intelligence.Inspect("ProjectPaths.FindRepositoryRoot", 25);
        Assert.True(result.Found);
        Assert.Contains("ProjectPaths.FindRepositoryRoot(string?", result.Text, StringComparison.Ordinal);
        Assert.Contains("The repository root", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_MethodGroup_ListsOverloads()
    {
        var result = intelligence.Inspect("Console.WriteLine", 17);
        Assert.True(result.Found);
        Assert.Contains("void Console.WriteLine(string? value)", result.Text, StringComparison.Ordinal);
        Assert.Contains("void Console.WriteLine(double value)", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_Whitespace_NotFound()
    {
        Assert.False(intelligence.Inspect("   ", 1).Found);
    }
}
