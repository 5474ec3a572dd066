using Deedle;
using HydroWorkshop.Kernel.Display;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

public class DeedleTablesTests
{
    private static Frame<int, string> Hourly(int rows, int columns) =>
        Frame.FromColumns(Enumerable.Range(0, columns).ToDictionary(
            c => $"gauge{c}",
            c => new Series<int, double>(Enumerable.Range(0, rows), Enumerable.Range(0, rows).Select(r => r + c / 10.0))));

    [Fact]
    public void Format_LargeFrame_HeadTailAndSizeOnly()
    {
        var data = DeedleTables.Format(Hourly(100_000, 3))!;
        var html = data["text/html"]!.GetValue<string>();
        var text = data["text/plain"]!.GetValue<string>();

        Assert.Equal("Frame<Int32, String>: 100000 rows × 3 columns", text.Split('\n')[0]);
        Assert.Contains("<th>gauge0</th><th>gauge1</th><th>gauge2</th>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>0</th><td>0</td><td>0.1</td><td>0.2</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>…</th><td>…</td><td>…</td><td>…</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>99999</th><td>99999</td><td>99999.1</td><td>99999.2</td></tr>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<th>10</th>", html, StringComparison.Ordinal);
        Assert.Contains("<p>100000 rows × 3 columns</p>", html, StringComparison.Ordinal);
        Assert.Equal(1 + DeedleTables.HeadRows + 1 + DeedleTables.TailRows, html.Split("<tr>").Length - 1);
        Assert.Equal(2 + DeedleTables.HeadRows + 1 + DeedleTables.TailRows, text.Split('\n').Length);
    }

    [Fact]
    public void Format_SmallFrame_AllRowsAndMissingValues()
    {
        var frame = Hourly(3, 1);
        frame.AddColumn("name", new Series<int, string>([0, 2], ["Wye", "Severn"]));

        var data = DeedleTables.Format(frame)!;

        var html = data["text/html"]!.GetValue<string>();
        Assert.Contains("<tr><th>1</th><td>1</td><td>&lt;missing&gt;</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>2</th><td>2</td><td>Severn</td></tr>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("…", html, StringComparison.Ordinal);
        Assert.Matches(@"\n1 +1 +<missing>\n", data["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Format_WideFrame_HeadAndTailColumns()
    {
        var html = DeedleTables.Format(Hourly(2, 30))!["text/html"]!.GetValue<string>();
        Assert.Contains("<th>gauge9</th><th>…</th><th>gauge25</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<th>gauge10</th>", html, StringComparison.Ordinal);
        Assert.Contains("<p>2 rows × 30 columns</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_Series_DateKeysAsIsoAndValueCount()
    {
        var days = new[] { new DateTime(2024, 3, 1), new DateTime(2024, 3, 2), new DateTime(2024, 3, 2, 6, 0, 0) };
        var data = DeedleTables.Format(new Series<DateTime, double>(days, [1.25, 0.333333333, 1e7]))!;

        var text = data["text/plain"]!.GetValue<string>().Split('\n');
        Assert.Equal("Series<DateTime, Double>: 3 values", text[0]);
        Assert.Matches(@"^2024-03-02 06:00:00 +1E\+07$", text[^1]);
        Assert.Contains("<tr><th>2024-03-02</th><td>0.333333</td></tr>", data["text/html"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_NotDeedle_Null()
    {
        Assert.Null(DeedleTables.Format(new List<int> { 1 }));
    }

    [Fact]
    public void MimeFormatter_Frame_RendersAsTableNotObjectTree()
    {
        var data = MimeFormatter.Format(Hourly(5, 2));
        Assert.StartsWith("<div class=\"hw-deedle\"><table>", data["text/html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("Frame<Int32, String>: 5 rows × 2 columns", data["text/plain"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
