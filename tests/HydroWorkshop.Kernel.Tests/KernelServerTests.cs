using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HydroWorkshop.Kernel.Protocol;
using NetMQ;
using NetMQ.Sockets;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

/// <summary>The kernel served in-process and spoken to over real ZeroMQ sockets (NetMQ; the Python suites in
/// tests/kernel speak to it with libzmq through pyzmq).</summary>
[Collection(KernelCollection.Name)]
public sealed class KernelServerTests : IDisposable
{
    private const string Key = "a-test-key";
    private readonly ConnectionInfo connection;
    private readonly KernelServer server;
    private readonly Thread serverThread;
    private readonly DealerSocket shell;
    private readonly WireCodec codec = new(new MessageSigner(Encoding.UTF8.GetBytes(Key)));

    public KernelServerTests()
    {
        // A free port is only free until someone binds it: the sockets of the previous test's kernel, lingering for a
        // second, or another process can take one between FreePort and the bind (CI saw "Address already in use").
        // Jupyter's own launchers retry with new ports; so does this.
        for (var attempt = 1; ; attempt++)
        {
            var ports = new HashSet<int>();
            while (ports.Count < 5) ports.Add(FreePort());
            var p = ports.ToArray();
            connection = new ConnectionInfo
            {
                ShellPort = p[0], IOPubPort = p[1], StdinPort = p[2], ControlPort = p[3], HeartbeatPort = p[4], Key = Key,
            };
            var file = Path.GetTempFileName();
            try
            {
                File.WriteAllText(file, JsonSerializer.Serialize(connection));
                server = new KernelServer(ConnectionInfo.Load(file), Path.GetTempPath());
                break;
            }
            catch (IOException e) when (attempt < 5 && e.InnerException is NetMQ.AddressAlreadyInUseException)
            {
            }
            finally
            {
                File.Delete(file);
            }
        }
        serverThread = new Thread(() => server.Run()) { IsBackground = true };
        serverThread.Start();
        shell = new DealerSocket();
        shell.Connect(connection.Endpoint(connection.ShellPort));
    }

    public void Dispose()
    {
        Send(shell, codec, "shutdown_request", new JsonObject { ["restart"] = false });
        ReceiveReply(TimeSpan.FromSeconds(10));
        Assert.True(serverThread.Join(TimeSpan.FromSeconds(10)), "the kernel did not stop after shutdown_request");
        server.Dispose();
        shell.Dispose();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Send(NetMQSocket socket, WireCodec signer, string type, JsonObject content)
    {
        var message = JupyterMessage.Create(type, content, "test-session");
        socket.SendMultipartBytes(signer.Encode(message));
        return message.MessageId;
    }

    private JupyterMessage? ReceiveReply(TimeSpan timeout)
    {
        var frames = new List<byte[]>();
        return shell.TryReceiveMultipartBytes(timeout, ref frames) ? codec.Decode(frames) : null;
    }

    private static JsonObject Execute(string code) => new()
    {
        ["code"] = code, ["silent"] = false, ["store_history"] = true, ["user_expressions"] = new JsonObject(),
        ["allow_stdin"] = false, ["stop_on_error"] = true,
    };

    [Fact]
    public void Constructor_PortTaken_NamesItAndReleasesThePortsAlreadyBound()
    {
        // The running kernel holds its heartbeat port; the other four are free until the failed kernel binds them.
        var ports = new HashSet<int>();
        while (ports.Count < 4) ports.Add(FreePort());
        var p = ports.ToArray();
        var clash = connection with { ShellPort = p[0], ControlPort = p[1], StdinPort = p[2], IOPubPort = p[3] };
        var error = Assert.Throws<IOException>(() => new KernelServer(clash, Path.GetTempPath()));
        Assert.Contains($":{connection.HeartbeatPort}", error.Message);
        // ZeroMQ closes a listener on its own I/O thread: the port comes back shortly after, never if the socket leaked.
        foreach (var port in p)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!CanListen(port))
            {
                Assert.True(DateTime.UtcNow < deadline, $"port {port} is still bound a minute after the kernel failed to start");
                Thread.Sleep(50);
            }
        }
    }

    private static bool CanListen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void KernelInfo_SignedRequest_CSharpLanguageInfo()
    {
        var id = Send(shell, codec, "kernel_info_request", []);
        var reply = ReceiveReply(TimeSpan.FromSeconds(30))!;
        Assert.Equal("kernel_info_reply", reply.MessageType);
        Assert.Equal(id, reply.ParentHeader["msg_id"]!.GetValue<string>());
        Assert.Equal("csharp", reply.Content["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal(".cs", reply.Content["language_info"]!["file_extension"]!.GetValue<string>());
        Assert.Equal("5.3", reply.Content["protocol_version"]!.GetValue<string>());
    }

    [Fact]
    public void Execute_WrongKeySignature_DroppedNotExecuted()
    {
        var attacker = new WireCodec(new MessageSigner("guessed-key"u8.ToArray()));
        Send(shell, attacker, "execute_request", Execute("File.WriteAllText(\"/tmp/hw-kernel-pwned\", \"x\");"));
        Assert.Null(ReceiveReply(TimeSpan.FromSeconds(1.5)));
        Assert.Equal(1, server.RejectedMessages);
        Assert.False(File.Exists("/tmp/hw-kernel-pwned"));

        Send(shell, codec, "execute_request", Execute("var depth = 2.5;\ndepth * 2"));
        var reply = ReceiveReply(TimeSpan.FromSeconds(60))!;
        Assert.Equal("ok", reply.Content["status"]!.GetValue<string>());
        Assert.Equal(1, reply.Content["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public void Heartbeat_Ping_Echoed()
    {
        using var heartbeat = new RequestSocket();
        heartbeat.Connect(connection.Endpoint(connection.HeartbeatPort));
        heartbeat.SendMultipartBytes("ping"u8.ToArray());
        var frames = new List<byte[]>();
        Assert.True(heartbeat.TryReceiveMultipartBytes(TimeSpan.FromSeconds(30), ref frames));
        Assert.Equal("ping"u8.ToArray(), Assert.Single(frames));
    }

    [Fact]
    public void Execute_ErrorWithStopOnError_ErrorReplyThenKernelServes()
    {
        Send(shell, codec, "execute_request", Execute("throw new InvalidOperationException(\"boom\");"));
        var reply = ReceiveReply(TimeSpan.FromSeconds(60))!;
        Assert.Equal("error", reply.Content["status"]!.GetValue<string>());
        Assert.Equal("InvalidOperationException", reply.Content["ename"]!.GetValue<string>());
        Send(shell, codec, "is_complete_request", new JsonObject { ["code"] = "if (true) {" });
        Assert.Equal("incomplete", ReceiveReply(TimeSpan.FromSeconds(10))!.Content["status"]!.GetValue<string>());
    }

    [Fact]
    public void Execute_FirstCell_EngineSettingsApplied()
    {
        // The first cell finds libtorch loaded with the kit's settings (EngineInfo.EnsureLoaded): NNPACK off while oneDNN
        // is on, so a TorchSharp convolution in any cell stays free of its warnings.
        const string check = """
            if (System.OperatingSystem.IsLinux() && System.Environment.GetEnvironmentVariable("HW_NNPACK") != "1"
                && HydroWorkshop.Engine.OneDnnGuard.Enabled() == true && HydroWorkshop.Engine.NnpackSwitch.Enabled() != false)
                throw new System.InvalidOperationException("NNPACK is on: " + HydroWorkshop.Engine.NnpackSwitch.Applied);
            """;
        Send(shell, codec, "execute_request", Execute(check));
        var reply = ReceiveReply(TimeSpan.FromSeconds(60))!;
        Assert.True(reply.Content["status"]!.GetValue<string>() == "ok", reply.Content.ToJsonString());
    }
}
