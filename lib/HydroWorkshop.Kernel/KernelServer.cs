using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using HydroWorkshop.Common;
using HydroWorkshop.Engine;
using HydroWorkshop.Kernel.Execution;
using HydroWorkshop.Kernel.Protocol;
using NetMQ;
using NetMQ.Sockets;

namespace HydroWorkshop.Kernel;

/// <summary>
/// The kernel process: binds the five sockets of the connection file and serves them. Heartbeat, control
/// and IOPub have a thread each; shell requests run on the calling thread, one at a time, so a long cell
/// keeps control (interrupt, shutdown) responsive. The sockets are NetMQ's (ZeroMQ written in C#, wire-compatible
/// with libzmq), so the kernel needs no native messaging library on Windows, macOS or Linux; like libzmq's, each
/// socket is used by one thread only.
/// </summary>
public sealed partial class KernelServer : IDisposable
{
    private readonly ConnectionInfo connection;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly RouterSocket shell;
    private readonly RouterSocket control;
    private readonly RouterSocket stdin;
    private readonly PublisherSocket iopubSocket;
    private readonly ResponseSocket heartbeat;
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
        // A port that cannot be bound (taken by another process) must not leave the ports bound before it listening:
        // a launcher that retries with new ports would otherwise leak a socket per try.
        var bound = new List<NetMQSocket>();
        try
        {
            shell = Bind(new RouterSocket(), connection.ShellPort, bound);
            control = Bind(new RouterSocket(), connection.ControlPort, bound);
            stdin = Bind(new RouterSocket(), connection.StdinPort, bound);
            iopubSocket = Bind(new PublisherSocket(), connection.IOPubPort, bound);
            heartbeat = Bind(new ResponseSocket(), connection.HeartbeatPort, bound);
        }
        catch
        {
            foreach (var socket in bound) socket.Dispose();
            shellLoopExited.Dispose();
            throw;
        }
        iopub = new IOPubChannel(iopubSocket, codec, session);
        streams = new StreamCapture(iopub);
        executor = new CellExecutor(iopub, streams.Flush, workingDirectory);
        intelligence = new CodeIntelligence(executor);
    }

    /// <summary>Signed messages received with a bad or missing signature (dropped, never executed).</summary>
    public int RejectedMessages => Volatile.Read(ref rejectedMessages);

    private T Bind<T>(T socket, int port, List<NetMQSocket> bound) where T : NetMQSocket
    {
        // Let replies already queued (shutdown_reply) leave before the socket closes.
        socket.Options.Linger = TimeSpan.FromSeconds(1);
        try
        {
            socket.Bind(connection.Endpoint(port));
        }
        catch (NetMQException e)
        {
            socket.Dispose();
            throw new IOException($"cannot listen on {connection.Endpoint(port)}: {e.Message}", e);
        }
        bound.Add(socket);
        return socket;
    }

    /// <summary>Serves until a shutdown request; returns the process exit code.</summary>
    public int Run()
    {
        // HydroWorkshop's start-up (the oneDNN guard) before any cell, which may use TorchSharp before HydroWorkshop: its
        // module initializer runs at most once, so this only makes it certain, and before the console goes to IOPub.
        RuntimeHelpers.RunModuleConstructor(typeof(EngineStartup).Module.ModuleHandle);
        foreach (var failure in EngineStartup.Failures) KernelLog.Write("engine start-up step failed: " + failure);
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
        controlThread.Join(TimeSpan.FromSeconds(1));
        heartbeatThread.Join(TimeSpan.FromSeconds(1));
        return 0;
    }

    private void Heartbeat()
    {
        while (!stopping)
        {
            var frames = new List<byte[]>();
            if (heartbeat.TryReceiveMultipartBytes(PollInterval, ref frames)) heartbeat.SendMultipartBytes(frames);
        }
    }

    private void ShellLoop()
    {
        while (!stopping)
        {
            if (Receive(shell, PollInterval) is { } request) HandleShell(request);
        }
    }

    private void ControlLoop()
    {
        while (!stopping)
        {
            if (Receive(control, PollInterval) is { } request) HandleControl(request);
        }
    }

    /// <summary>Receives and verifies one message waiting up to <paramref name="timeout"/>; null when none came or
    /// it was dropped (bad signature, malformed).</summary>
    private JupyterMessage? Receive(NetMQSocket socket, TimeSpan timeout)
    {
        var frames = new List<byte[]>();
        if (!socket.TryReceiveMultipartBytes(timeout, ref frames)) return null;
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

    private void Send(NetMQSocket socket, JupyterMessage message)
    {
        KernelLog.Debug($"-> {message.MessageType}");
        socket.SendMultipartBytes(codec.Encode(message));
    }

    public void Dispose()
    {
        sigint?.Dispose();
        NotebookDisplay.SetHook(null);
        Console.SetOut(originalOut);
        Console.SetError(originalError);
        streams.Dispose();
        iopub.Dispose();
        foreach (var socket in new NetMQSocket[] { shell, control, stdin, iopubSocket, heartbeat }) socket.Dispose();
        shellLoopExited.Dispose();
    }
}
