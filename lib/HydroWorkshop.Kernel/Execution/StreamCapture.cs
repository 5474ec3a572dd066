using System.Text;
using HydroWorkshop.Kernel.Display;

namespace HydroWorkshop.Kernel.Execution;

/// <summary>
/// <c>Console.Out</c>/<c>Console.Error</c> while the kernel runs: text is buffered and sent as <c>stream</c>
/// messages every <see cref="FlushInterval"/> (so long cells show progress as it is written) and whenever
/// the kernel flushes (before a display, before the reply).
/// </summary>
public sealed class StreamCapture : IDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);

    private readonly IOutputSink sink;
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

    /// <summary>Sends what is buffered, stdout first.</summary>
    public void Flush()
    {
        stdout.Send();
        stderr.Send();
    }

    public void Dispose()
    {
        timer.Dispose();
        Flush();
    }

    private sealed class BufferWriter(StreamCapture owner, string name) : TextWriter
    {
        private readonly StringBuilder buffer = new();
        private readonly Lock sendLock = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (buffer) buffer.Append(value);
        }

        public override void Write(string? value)
        {
            if (value is null) return;
            lock (buffer) buffer.Append(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (this.buffer) this.buffer.Append(buffer, index, count);
        }

        public override void WriteLine(string? value)
        {
            lock (buffer) buffer.Append(value).Append('\n');
        }

        public override void Flush() => owner.Flush();

        public void Send()
        {
            // One sender at a time keeps the chunks in order (the timer and the kernel both flush).
            lock (sendLock)
            {
                string text;
                lock (buffer)
                {
                    if (buffer.Length == 0) return;
                    text = buffer.ToString();
                    buffer.Clear();
                }
                owner.sink.Stream(name, text);
            }
        }
    }
}
