using HydroWorkshop.Kernel.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

public class CellInstrumentationTests
{
    private static int Checks(string code) =>
        (code.Length - code.Replace(CellInstrumentation.Check, "").Length) / CellInstrumentation.Check.Length;

    private static void AssertCompiles(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, ScriptSetup.ParseOptions);
        var compilation = CSharpCompilation.CreateScriptCompilation("cell", tree,
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location),
             MetadataReference.CreateFromFile(typeof(Common.WorkshopCancellation).Assembly.Location),
             .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                 .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Linq.dll" or "System.Collections.dll")
                 .Select(p => MetadataReference.CreateFromFile(p))]);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + code);
    }

    [Fact]
    public void Instrument_NoLoopOrMethod_ReturnsSameInstance()
    {
        const string code = "var x = 1;\nx + 2";
        Assert.Same(code, CellInstrumentation.Instrument(code));
    }

    [Fact]
    public void Instrument_ParseError_ReturnsSameInstance()
    {
        const string code = "while (true { }";
        Assert.Same(code, CellInstrumentation.Instrument(code));
    }

    [Theory]
    [InlineData("while (true) { }", 1)]
    [InlineData("var n = 0;\ndo { n++; } while (n < 3);", 1)]
    [InlineData("for (var i = 0; i < 3; i++) { }", 1)]
    [InlineData("foreach (var v in new[] { 1, 2 }) { }", 1)]
    [InlineData("foreach (var (a, b) in new[] { (1, 2) }) { }", 1)]
    [InlineData("int F(int x) { return x; }", 1)]
    [InlineData("class C { public C() { } int P { get { return 1; } } void M() { } }", 3)]
    [InlineData("System.Func<int, int> f = x => { return x; }; System.Action a = delegate { };", 2)]
    public void Instrument_LoopsAndBodies_OneCheckEach(string code, int expected)
    {
        var instrumented = CellInstrumentation.Instrument(code);
        Assert.Equal(expected, Checks(instrumented));
        AssertCompiles(instrumented);
    }

    [Fact]
    public void Instrument_NestedEmbeddedStatements_BracesNestAndCompile()
    {
        const string code = "var n = 0;\nfor (var i = 0; i < 2; i++) for (var j = 0; j < 2; j++) while (n < 100) n++;\nn";
        var instrumented = CellInstrumentation.Instrument(code);
        Assert.Equal(3, Checks(instrumented));
        AssertCompiles(instrumented);
    }

    [Fact]
    public void Instrument_EmptyStatementBody_Compiles()
    {
        var instrumented = CellInstrumentation.Instrument("var k = 0;\nwhile (k++ < 5) ;");
        Assert.Equal(1, Checks(instrumented));
        AssertCompiles(instrumented);
    }

    [Fact]
    public void Instrument_MultiLineCell_KeepsEveryLine()
    {
        const string code = "var total = 0;\nfor (var i = 0; i < 3; i++)\n    total += i;\nvoid Helper()\n{\n    total++;\n}\ntotal";
        var instrumented = CellInstrumentation.Instrument(code);
        var before = code.Split('\n');
        var after = instrumented.Split('\n');
        Assert.Equal(before.Length, after.Length);
        for (var line = 0; line < before.Length; line++)
            Assert.StartsWith(before[line], after[line].Replace("{" + CellInstrumentation.Check + " ", "")
                .Replace(" " + CellInstrumentation.Check, ""));
    }
}
