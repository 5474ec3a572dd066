using HydroWorkshop.Kernel.Execution;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

public class StreamCaptureTests
{
    [Fact]
    public void Flush_WrittenText_OneMessagePerStreamInOrder()
    {
        var sink = new RecordingSink();
        using var capture = new StreamCapture(sink);
        capture.Out.Write("depth ");
        capture.Out.WriteLine(1.5);
        capture.Error.WriteLine("warning");
        capture.Flush();
        var outputs = sink.Outputs.ToArray();
        Assert.Contains(outputs, o => o.Name == "stdout" && o.Text == "depth 1.5\n");
        Assert.Contains(outputs, o => o.Name == "stderr" && o.Text == "warning\n");
        Assert.Equal("depth 1.5\n", string.Concat(outputs.Where(o => o.Name == "stdout").Select(o => o.Text)));
    }

    [Fact]
    public void Flush_InterleavedStreams_SentInOrderWritten()
    {
        var sink = new RecordingSink();
        using var capture = new StreamCapture(sink);
        capture.Error.WriteLine("a");
        capture.Out.WriteLine("b");
        capture.Out.WriteLine("b2");
        capture.Error.WriteLine("c");
        capture.Flush();
        // The timer may have sent a prefix earlier; concatenating runs of one stream gives the same sequence.
        var runs = new List<(string Name, string Text)>();
        foreach (var o in sink.Outputs)
        {
            if (runs.Count > 0 && runs[^1].Name == o.Name) runs[^1] = (o.Name!, runs[^1].Text + o.Text);
            else runs.Add((o.Name!, o.Text!));
        }
        Assert.Equal([("stderr", "a\n"), ("stdout", "b\nb2\n"), ("stderr", "c\n")], runs);
    }

    [Fact]
    public void Write_WithoutFlush_SentByTimerWhileRunning()
    {
        var sink = new RecordingSink();
        using var capture = new StreamCapture(sink);
        capture.Out.WriteLine("epoch 1");
        // The timer fires every 50 ms; the generous deadline only matters when the thread pool is starved (in CI the
        // test projects run side by side on 2 cores, and 2 s was once not enough).
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (sink.Outputs.IsEmpty && DateTime.UtcNow < deadline) Thread.Sleep(10);
        Assert.Equal("epoch 1\n", Assert.Single(sink.Outputs).Text);
    }
}
