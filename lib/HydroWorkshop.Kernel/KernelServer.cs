using System.Runtime.InteropServices;
using System.Text;
using HydroWorkshop.Common;
using HydroWorkshop.Kernel.Execution;
using HydroWorkshop.Kernel.Protocol;
using HydroWorkshop.Kernel.Zmq;
using static HydroWorkshop.Kernel.Zmq.ZmqNative;

namespace HydroWorkshop.Kernel;

/// <summary>
/// The kernel process: binds the five sockets of the connection file and serves them. Heartbeat, control
/// and IOPub have a thread each; shell requests run on the calling thread, one at a time, so a long cell
/// keeps control (interrupt, shutdown) responsive.
/// </summary>
public sealed partial class KernelServer : IDisposable
{
    private readonly ConnectionInfo connection;
    private readonly ZmqContext context = new();
    private readonly ZmqSocket shell;
    private readonly ZmqSocket control;
    private readonly ZmqSocket stdin;
    private readonly ZmqSocket iopubSocket;
    private readonly ZmqSocket heartbeat;
    private readonly WireCodec codec;
    private readonly IOPubChannel iopub;
    private readonly StreamCapture streams;
    private readonly CellExecutor executor;
    private readonly CodeIntelligence intelligence;
    private readonly History history = new();
    private readonly string session = Guid.NewGuid().ToString("N");
    private readonly TextWriter originalOut = Console.Out;
    private readonly TextWriter originalError = Console.Error;
    private PosixSignalRegistration? sigint;
    private readonly ManualResetEventSlim shellLoopExited = new();
    private volatile bool stopping;
    private int executionCount;
    private int unstoredCount;
    private int rejectedMessages;

    public KernelServer(ConnectionInfo connection, string workingDirectory)
    {
        this.connection = connection;
        codec = new WireCodec(new MessageSigner(Encoding.UTF8.GetBytes(connection.Key)));
        shell = Bind(ZMQ_ROUTER, connection.ShellPort);
        control = Bind(ZMQ_ROUTER, connection.ControlPort);
        stdin = Bind(ZMQ_ROUTER, connection.StdinPort);
        iopubSocket = Bind(ZMQ_PUB, connection.IOPubPort);
        heartbeat = Bind(ZMQ_REP, connection.HeartbeatPort);
        iopub = new IOPubChannel(iopubSocket, codec, session);
        streams = new StreamCapture(iopub);
        executor = new CellExecutor(iopub, streams.Flush, workingDirectory);
        intelligence = new CodeIntelligence(executor);
    }

    /// <summary>Signed messages received with a bad or missing signature (dropped, never executed).</summary>
    public int RejectedMessages => Volatile.Read(ref rejectedMessages);

    private ZmqSocket Bind(int type, int port)
    {
        var socket = new ZmqSocket(context, type);
        // Let replies already queued (shutdown_reply) leave before the context closes.
        socket.SetInt(ZMQ_LINGER, 1000);
        socket.Bind(connection.Endpoint(port));
        return socket;
    }

    /// <summary>Serves until a shutdown request; returns the process exit code.</summary>
    public int Run()
    {
        Console.SetOut(streams.Out);
        Console.SetError(streams.Error);
        Console.SetIn(TextReader.Null);
        NotebookDisplay.SetHook(value => executor.Publisher.Display(value));
        // SIGINT (interrupt_mode "signal") interrupts the cell the same way as interrupt_request.
        sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal =>
        {
            signal.Cancel = true;
            executor.Interrupt();
        });
        var heartbeatThread = new Thread(Heartbeat) { IsBackground = true, Name = "heartbeat" };
        var controlThread = new Thread(ControlLoop) { IsBackground = true, Name = "control" };
        heartbeatThread.Start();
        controlThread.Start();
        iopub.Status("starting", null);
        KernelLog.Write($"listening on {connection.Endpoint(connection.ShellPort)} (shell), session {session}");
        ShellLoop();
        shellLoopExited.Set();
        KernelLog.Write("shutting down");
        streams.Flush();
        iopub.Drain(TimeSpan.FromSeconds(1));
        context.Shutdown();
        controlThread.Join(TimeSpan.FromSeconds(1));
        heartbeatThread.Join(TimeSpan.FromSeconds(1));
        return 0;
    }

    private void Heartbeat()
    {
        while (!stopping)
        {
            var frames = heartbeat.ReceiveMultipart();
            if (frames is null || !heartbeat.SendMultipart(frames)) return;
        }
    }

    private void ShellLoop()
    {
        while (!stopping)
        {
            if (!shell.Poll(200)) continue;
            if (Receive(shell) is { } request) HandleShell(request);
        }
    }

    private void ControlLoop()
    {
        while (!stopping)
        {
            try
            {
                if (!control.Poll(200)) continue;
                if (Receive(control) is { } request) HandleControl(request);
            }
            catch (ZmqException) when (stopping)
            {
                return;
            }
        }
    }

    /// <summary>Receives and verifies one message; null for a dropped (bad signature, malformed) one.</summary>
    private JupyterMessage? Receive(ZmqSocket socket)
    {
        var frames = socket.ReceiveMultipart();
        if (frames is null) { stopping = true; return null; }
        try
        {
            var message = codec.Decode(frames);
            KernelLog.Debug($"<- {message.MessageType}");
            return message;
        }
        catch (InvalidMessageException e)
        {
            Interlocked.Increment(ref rejectedMessages);
            KernelLog.Write($"dropped a message: {e.Message} ({frames.Count} frames); it was not executed");
            return null;
        }
    }

    private void Send(ZmqSocket socket, JupyterMessage message)
    {
        KernelLog.Debug($"-> {message.MessageType}");
        socket.SendMultipart(codec.Encode(message));
    }

    public void Dispose()
    {
        sigint?.Dispose();
        NotebookDisplay.SetHook(null);
        Console.SetOut(originalOut);
        Console.SetError(originalError);
        streams.Dispose();
        foreach (var socket in new[] { shell, control, stdin, iopubSocket, heartbeat }) socket.Dispose();
        context.Dispose();
        iopub.Dispose();
        shellLoopExited.Dispose();
    }
}
