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
    public void Inspect_LibraryMethod_ParametersAndReturnsInTextAndMarkdown()
    {
        const string code = "HydroWorkshop.Plotting.HydroCharts.Hydrograph";
        var result = intelligence.Inspect(code, code.Length);
        Assert.True(result.Found);
        Assert.Contains("\nParameters:\n  DateTime[] time: Time stamps, length n.\n", result.Text, StringComparison.Ordinal);
        Assert.Contains("  double[] observed: Observed discharge (m³/s or mm/day, see dischargeUnit), length n; NaN = missing.\n",
            result.Text, StringComparison.Ordinal);
        Assert.Contains("  string title = \"Hydrograph\": Figure title.\n", result.Text, StringComparison.Ordinal);
        Assert.Contains("\nReturns: Figure", result.Text, StringComparison.Ordinal);
        Assert.StartsWith("```csharp\nFigure HydroCharts.Hydrograph(DateTime[] time,", result.Markdown, StringComparison.Ordinal);
        Assert.Contains("\n**Parameters**\n\n- `DateTime[] time`: Time stamps, length n.\n", result.Markdown, StringComparison.Ordinal);
        Assert.Contains("- `double[] observed`: Observed discharge (m³/s or mm/day, see `dischargeUnit`), length n; NaN = missing.",
            result.Markdown, StringComparison.Ordinal);
        Assert.Contains("\n**Returns** `Figure`", result.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_CoreLibMethod_DocumentedFromReferencePack()
    {
        // Math lives in System.Private.CoreLib; its docs in the reference pack's System.Runtime.xml.
        var result = intelligence.Inspect("Math.Clamp(2.5, 0.0, 1.0)", 8);
        Assert.True(result.Found);
        Assert.Contains("double Math.Clamp(double value, double min, double max)", result.Text, StringComparison.Ordinal);
        Assert.Contains("Returns value clamped to the inclusive range of min and max.", result.Text, StringComparison.Ordinal);
        Assert.Contains("  double min: The lower bound of the result.", result.Text, StringComparison.Ordinal);
        Assert.Contains("Exceptions:\n  ArgumentException: max is less than min.", result.Text, StringComparison.Ordinal);
        Assert.Contains("Returns `value` clamped to the inclusive range of `min` and `max`.", result.Markdown, StringComparison.Ordinal);
        Assert.Contains("`Double.NaN`", result.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_TorchSharpWithoutXmlDocs_ParametersAndReturnTypeListed()
    {
        // TorchSharp's package ships no XML docs: the signature's parts are what there is.
        var result = intelligence.Inspect("TorchSharp.torch.randn(2, 3)", 21);
        Assert.True(result.Found);
        Assert.Contains("Parameters:\n  int rows\n  int columns\n  torch.ScalarType? dtype = null\n", result.Text,
            StringComparison.Ordinal);
        Assert.Contains("  bool requires_grad = false\n", result.Text, StringComparison.Ordinal);
        Assert.Contains("Returns: torch.Tensor", result.Text, StringComparison.Ordinal);
        Assert.Contains("- `bool requires_grad = false`", result.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_DllReferencedWithXmlBeside_Documented()
    {
        var folder = Directory.CreateTempSubdirectory("hw-inspect-").FullName;
        try
        {
            var dll = GaugingAssembly.Write(folder);
            Assert.True(fixture.Executor.Execute($"#r \"{dll}\"", 50002).IsSuccess);
            const string code = "Gauging.Rating.Discharge(1.2)";
            var result = intelligence.Inspect(code, 24);
            Assert.True(result.Found);
            Assert.Contains("Discharge from stage with the power law a (h - h0)^b.", result.Text, StringComparison.Ordinal);
            Assert.Contains("  double stage: Water level, m.", result.Text, StringComparison.Ordinal);
            Assert.Contains("Returns: double: Discharge, m³/s.", result.Text, StringComparison.Ordinal);
            Assert.Contains("Discharge from stage with the power law `a (h - h0)^b`.", result.Markdown, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Inspect_InheritDocCref_DocumentationOfTheReference()
    {
        const string code = "new HydroWorkshop.Plotting.Scatter().YAxis";
        var result = intelligence.Inspect(code, code.Length);
        Assert.Contains("Axis ids this trace is drawn on", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_InheritDocOfInterfaceMember_DocumentationOfTheInterface()
    {
        const string code = "new HydroWorkshop.Plotting.PlotlyList().GetEnumerator";
        var result = intelligence.Inspect(code, code.Length);
        Assert.Contains("Returns an enumerator that iterates through a collection.", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToData_Found_PlainTextAndMarkdown()
    {
        var data = CodeIntelligence.ToData(intelligence.Inspect("Console.WriteLine", 17));
        Assert.StartsWith("void Console.WriteLine(", (string?)data["text/plain"], StringComparison.Ordinal);
        Assert.StartsWith("```csharp\nvoid Console.WriteLine(", (string?)data["text/markdown"], StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_Whitespace_NotFound()
    {
        Assert.False(intelligence.Inspect("   ", 1).Found);
    }
}
