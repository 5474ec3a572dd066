using HydroWorkshop.Common;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

[Collection(KernelCollection.Name)]
public class NotebookDisplayTests
{
    [Fact]
    public void Display_NoHook_WritesToConsole()
    {
        NotebookDisplay.SetHook(null);
        var writer = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(writer);
        try
        {
            Assert.False(NotebookDisplay.IsInNotebook);
            var handle = NotebookDisplay.Display("epoch 1");
            handle.Update("epoch 2");
            Assert.False(string.IsNullOrEmpty(handle.DisplayId));
        }
        finally
        {
            Console.SetOut(previous);
        }
        Assert.Equal($"epoch 1{Environment.NewLine}epoch 2{Environment.NewLine}", writer.ToString());
    }

    [Fact]
    public void Display_Hook_RoutesToKernelPublisher()
    {
        var sink = new RecordingSink();
        var publisher = new HydroWorkshop.Kernel.Display.DisplayPublisher(sink, () => { });
        NotebookDisplay.SetHook(value => publisher.Display(value));
        try
        {
            var handle = NotebookDisplay.Display(new List<int> { 1 });
            handle.Update(2);
        }
        finally
        {
            NotebookDisplay.SetHook(null);
        }
        var outputs = sink.Outputs.ToArray();
        Assert.Equal(["display_data", "update_display_data"], outputs.Select(o => o.Kind));
        Assert.Equal("2", outputs[1].Data!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void ConsoleText_CollectionsAndDictionaries_OneItemPerLineCapped()
    {
        Assert.Equal("  1\n  2", NotebookDisplay.ConsoleText(new List<int> { 1, 2 }));
        var many = NotebookDisplay.ConsoleText(Enumerable.Range(0, 50).ToList()).Split('\n');
        Assert.Equal(NotebookDisplay.ConsoleItems + 1, many.Length);
        Assert.Equal("  ...", many[^1]);
        Assert.Equal("1 entries\n  NSE: 0.8", NotebookDisplay.ConsoleText(new Dictionary<string, double> { ["NSE"] = 0.8 }));
        Assert.Equal("text stays text", NotebookDisplay.ConsoleText("text stays text"));
        Assert.Equal("null", NotebookDisplay.ConsoleText(null));
    }

    [Fact]
    public void Display_NoHookWithFigureFolder_SavesHtmlAndPrintsPath()
    {
        NotebookDisplay.SetHook(null);
        var folder = Directory.CreateTempSubdirectory("hw-figures-").FullName;
        var previousFolder = NotebookDisplay.FigureFolder;
        var writer = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(writer);
        try
        {
            NotebookDisplay.FigureFolder = folder;
            var figure = new HydroWorkshop.Plotting.Figure()
                .Add(new HydroWorkshop.Plotting.Scatter { X = new[] { 1, 2 }, Y = new[] { 3.0, 4.0 } }).WithTitle("saved");
            NotebookDisplay.Display(figure);
            NotebookDisplay.Display("plain text is only printed");
        }
        finally
        {
            Console.SetOut(previous);
            NotebookDisplay.FigureFolder = previousFolder;
        }
        var files = Directory.GetFiles(folder, "figure-*.html");
        try
        {
            var saved = Assert.Single(files);
            Assert.Contains("Plotly", File.ReadAllText(saved), StringComparison.Ordinal);
            Assert.Contains($"Figure 'saved': 1 trace(s) [scatter] -> {saved}", writer.ToString(), StringComparison.Ordinal);
            Assert.Contains("plain text is only printed", writer.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
