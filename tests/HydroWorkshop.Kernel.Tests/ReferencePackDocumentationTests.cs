using HydroWorkshop.Kernel.Execution;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

public class ReferencePackDocumentationTests
{
    [Theory]
    [InlineData("T:System.Math", new[] { "System.Math", "System" })]
    [InlineData("M:System.Math.Clamp(System.Double,System.Double,System.Double)", new[] { "System.Math", "System" })]
    [InlineData("F:System.Environment.SpecialFolder.Desktop", new[] { "System.Environment.SpecialFolder", "System.Environment", "System" })]
    [InlineData("M:System.Collections.Generic.List`1.#ctor",
        new[] { "System.Collections.Generic.List`1", "System.Collections.Generic", "System.Collections", "System" })]
    [InlineData("bad", new string[0])]
    public void ContainingTypeNames_DocumentationIds_LongestFirst(string id, string[] expected)
    {
        Assert.Equal(expected, ReferencePackDocumentation.ContainingTypeNames(id));
    }
}
