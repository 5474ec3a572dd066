using HydroWorkshop.Kernel.Protocol;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

public class ConnectionInfoTests
{
    [Fact]
    public void Load_JupyterConnectionFile_ReadsPortsAndKey()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """
            {"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,
             "ip": "127.0.0.1", "key": "abc", "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "x"}
            """);
        var info = ConnectionInfo.Load(path);
        Assert.Equal(5001, info.ShellPort);
        Assert.Equal(5005, info.HeartbeatPort);
        Assert.Equal("abc", info.Key);
        Assert.Equal("tcp://127.0.0.1:5004", info.Endpoint(info.ControlPort));
        File.Delete(path);
    }

    [Fact]
    public void Load_IpcTransport_RefusedNamingTransport()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path,
            """{"transport": "ipc", "ip": "/tmp/kernel", "shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5, "key": ""}""");
        var error = Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(path));
        Assert.Contains("transport 'ipc'", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        File.Delete(path);
    }

    [Fact]
    public void Load_MissingFile_NamesFile()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ConnectionInfo.Load("/no/such/connection.json"));
        Assert.Contains("/no/such/connection.json", error.Message);
    }

    [Fact]
    public void Load_BadPort_NamesField()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """{"shell_port": 0, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5, "key": ""}""");
        var error = Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(path));
        Assert.Contains("shell_port", error.Message);
        File.Delete(path);
    }
}
