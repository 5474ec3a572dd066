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
}
