using System.Collections;
using HydroWorkshop.Kernel.Display;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

public class MimeFormatterTests
{
    public sealed class ObjectChart
    {
        public IDictionary<string, object> ToMimeBundle() => new Dictionary<string, object>
        {
            ["image/svg+xml"] = "<svg/>",
            ["application/json"] = new { discharge = 3.5 },
            ["image/png"] = new byte[] { 1, 2, 3 },
        };

        public override string ToString() => "chart";
    }

    public sealed class StringTable
    {
        public IReadOnlyDictionary<string, string> ToMimeBundle() =>
            new Dictionary<string, string> { ["text/html"] = "<table/>", ["text/plain"] = "table" };
    }

    public sealed class OptionalArgumentChart
    {
        public Hashtable ToMimeBundle(int width = 3) => new() { ["text/plain"] = $"width {width}" };
    }

    [Fact]
    public void Format_ObjectDictionaryBundle_ConvertsValues()
    {
        var data = MimeFormatter.Format(new ObjectChart());
        Assert.Equal("<svg/>", data["image/svg+xml"]!.GetValue<string>());
        Assert.Equal(3.5, data["application/json"]!["discharge"]!.GetValue<double>());
        Assert.Equal("AQID", data["image/png"]!.GetValue<string>());
        Assert.Equal("chart", data["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Format_ReadOnlyStringDictionaryBundle_Used()
    {
        var data = MimeFormatter.Format(new StringTable());
        Assert.Equal("<table/>", data["text/html"]!.GetValue<string>());
        Assert.Equal("table", data["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Format_BundleMethodWithOptionalArguments_DefaultsUsed()
    {
        Assert.Equal("width 3", MimeFormatter.Format(new OptionalArgumentChart())["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Format_List_PlainTextAndHtmlTable()
    {
        var data = MimeFormatter.Format(new List<double> { 1.5, 2 });
        Assert.Equal("List<Double>(2) { 1.5, 2 }", data["text/plain"]!.GetValue<string>());
        Assert.Contains("<td>1.5</td>", data["text/html"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_LongSequence_TruncatedAtMaxItems()
    {
        var text = MimeFormatter.Format(Enumerable.Range(0, 100).ToArray())["text/plain"]!.GetValue<string>();
        Assert.Contains("19, …", text, StringComparison.Ordinal);
        Assert.DoesNotContain("20", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_Records_TableColumnsFromProperties()
    {
        var html = MimeFormatter.Format(new[] { new Gauge("Rhine", 2300.0) })["text/html"]!.GetValue<string>();
        Assert.Contains("<th>Name</th><th>Discharge</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>2300</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_Dictionary_KeyValueRows()
    {
        var data = MimeFormatter.Format(new Dictionary<string, int> { ["depth"] = 2 });
        Assert.Contains("<td>depth</td><td>2</td>", data["text/html"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_HtmlMarkdownScalars_Mimes()
    {
        Assert.Equal("<b>x</b>", MimeFormatter.Format(new HtmlContent("<b>x</b>"))["text/html"]!.GetValue<string>());
        Assert.Equal("*x*", MimeFormatter.Format(new MarkdownContent("*x*"))["text/markdown"]!.GetValue<string>());
        Assert.Equal("true", MimeFormatter.Format(true)["text/plain"]!.GetValue<string>());
        Assert.Equal("0.25", MimeFormatter.Format(0.25)["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Format_TensorLike_UsesItsOwnText()
    {
        var data = MimeFormatter.Format(new FakeTensor());
        Assert.Equal("tensor([1, 2]) shape [2]", data["text/plain"]!.GetValue<string>());
        Assert.StartsWith("<pre>", data["text/html"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_TorchSharpTensor_ShowsShapeAndValues()
    {
        using var tensor = TorchSharp.torch.arange(6f).reshape(2, 3);

        var text = MimeFormatter.Format(tensor)["text/plain"]!.GetValue<string>();

        Assert.StartsWith("[2x3], type = Float32, device = cpu", text, StringComparison.Ordinal);
        Assert.Contains(" 3 4 5", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_TallTorchSharpTensor_KeepsHeadAndTailRows()
    {
        using var tensor = TorchSharp.torch.arange(100f).reshape(50, 2);

        var lines = MimeFormatter.Format(tensor)["text/plain"]!.GetValue<string>().Split('\n');

        Assert.Equal(15, lines.Length);               // header, 10 rows, "...", 3 rows
        Assert.Equal(" ...", lines[11]);
        Assert.Contains("98 99", lines[^1], StringComparison.Ordinal);
    }

    private sealed record Gauge(string Name, double Discharge);

    private sealed class FakeTensor : IEnumerable<float>
    {
        public long[] shape => [2];

        public IEnumerator<float> GetEnumerator() => new List<float> { 1, 2 }.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => "tensor([1, 2]) shape [2]";
    }
}
