using HydroWorkshop.Kernel.Execution;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

public class DocumentationCommentTests
{
    private const string Member = """
        <member name="M:Gauging.Rating.Fit(System.Double[],System.Double[])">
            <summary>Fits the rating curve to gaugings; see <see href="https://example.org/rating">the method</see> and
            <see cref="M:Gauging.Rating.Discharge(System.Double)"/>.
            <para>Two steps:</para>
            <list type="bullet">
              <item><term>offset</term><description>h0 by <c>grid search</c></description></item>
              <item><description>a and b by least squares</description></item>
            </list>
            <code>
                var curve = Rating.Fit(stage, discharge);
                curve.Discharge(1.2);
            </code>
            </summary>
            <param name="stage">Water levels, m; <see langword="null"/> is refused.</param>
            <param name="discharge">Measured discharge_m3s, same length as <paramref name="stage"/>.</param>
            <returns>The fitted curve.</returns>
            <exception cref="T:System.ArgumentException">Fewer than 3 gaugings.</exception>
        </member>
        """;

    [Fact]
    public void Parse_PlainText_ShortNamesListsAndIndentedCode()
    {
        var doc = DocumentationComment.Parse(Member, markdown: false)!;
        Assert.Equal(
            "Fits the rating curve to gaugings; see the method (https://example.org/rating) and Rating.Discharge.\n\n" +
            "Two steps:\n\n- offset – h0 by grid search\n- a and b by least squares\n\n" +
            "    var curve = Rating.Fit(stage, discharge);\n    curve.Discharge(1.2);", doc.Summary);
        Assert.Equal("Water levels, m; null is refused.", doc.Parameter("stage"));
        Assert.Equal("Measured discharge_m3s, same length as stage.", doc.Parameter("discharge"));
        Assert.Equal("The fitted curve.", doc.Returns);
        Assert.Equal([("ArgumentException", "Fewer than 3 gaugings.")], doc.Exceptions);
    }

    [Fact]
    public void Parse_Markdown_CodeSpansLinksFencesAndEscapes()
    {
        var doc = DocumentationComment.Parse(Member, markdown: true)!;
        Assert.Equal(
            "Fits the rating curve to gaugings; see [the method](https://example.org/rating) and `Rating.Discharge`.\n\n" +
            "Two steps:\n\n- offset – h0 by `grid search`\n- a and b by least squares\n\n" +
            "```csharp\nvar curve = Rating.Fit(stage, discharge);\ncurve.Discharge(1.2);\n```", doc.Summary);
        Assert.Equal("Water levels, m; `null` is refused.", doc.Parameter("stage"));
        Assert.Equal(@"Measured discharge\_m3s, same length as `stage`.", doc.Parameter("discharge"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml <")]
    public void Parse_EmptyOrBroken_Null(string xml)
    {
        Assert.Null(DocumentationComment.Parse(xml, markdown: false));
    }

    [Theory]
    [InlineData("T:System.ArgumentException", "ArgumentException")]
    [InlineData("F:System.Double.NaN", "Double.NaN")]
    [InlineData("M:System.Linq.Enumerable.Select``2(System.Collections.Generic.IEnumerable{``0},System.Func{``0,``1})",
        "Enumerable.Select")]
    [InlineData("T:System.Collections.Generic.List`1", "List")]
    public void CrefName_DocumentationIds_ShortNames(string cref, string expected)
    {
        Assert.Equal(expected, DocumentationComment.CrefName(cref));
    }
}
