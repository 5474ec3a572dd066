using System.Text;
using HydroWorkshop.Kernel.Display;

namespace HydroWorkshop.Kernel.Execution;

/// <summary>
/// <c>Console.Out</c>/<c>Console.Error</c> while the kernel runs: text is buffered and sent as <c>stream</c>
/// messages every <see cref="FlushInterval"/> (so long cells show progress as it is written) and whenever
/// the kernel flushes (before a display, before the reply).
/// Both streams share one buffer of runs (consecutive text of one stream), sent in the order written: stderr
/// written before stdout arrives before it, as in a terminal, while a run of writes to one stream is still one message.
/// </summary>
public sealed class StreamCapture : IDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);

    private readonly IOutputSink sink;
    private readonly List<(string Name, StringBuilder Text)> runs = [];
    private readonly Lock bufferLock = new();
    private readonly Lock sendLock = new();
    private readonly BufferWriter stdout;
    private readonly BufferWriter stderr;
    private readonly Timer timer;

    public StreamCapture(IOutputSink sink)
    {
        this.sink = sink;
        stdout = new BufferWriter(this, "stdout");
        stderr = new BufferWriter(this, "stderr");
        timer = new Timer(_ => Flush(), null, FlushInterval, FlushInterval);
    }

    public TextWriter Out => stdout;

    public TextWriter Error => stderr;

    /// <summary>Sends what is buffered, one message per run, in the order written.</summary>
    public void Flush()
    {
        // One sender at a time keeps the chunks in order (the timer and the kernel both flush).
        lock (sendLock)
        {
            (string Name, string Text)[] pending;
            lock (bufferLock)
            {
                if (runs.Count == 0) return;
                pending = runs.Select(run => (run.Name, run.Text.ToString())).ToArray();
                runs.Clear();
            }
            foreach (var (name, text) in pending) sink.Stream(name, text);
        }
    }

    public void Dispose()
    {
        timer.Dispose();
        Flush();
    }

    /// <summary>Appends to the last run when it is of <paramref name="name"/>'s stream, else starts a run.</summary>
    private StringBuilder RunOf(string name)
    {
        if (runs.Count == 0 || !ReferenceEquals(runs[^1].Name, name)) runs.Add((name, new StringBuilder()));
        return runs[^1].Text;
    }

    private sealed class BufferWriter(StreamCapture owner, string name) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (owner.bufferLock) owner.RunOf(name).Append(value);
        }

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            lock (owner.bufferLock) owner.RunOf(name).Append(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            if (count == 0) return;
            lock (owner.bufferLock) owner.RunOf(name).Append(buffer, index, count);
        }

        public override void WriteLine(string? value)
        {
            lock (owner.bufferLock) owner.RunOf(name).Append(value).Append('\n');
        }

        public override void Flush() => owner.Flush();
    }
}
