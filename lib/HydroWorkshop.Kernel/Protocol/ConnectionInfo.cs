using System.Text.Json;
using System.Text.Json.Serialization;

namespace HydroWorkshop.Kernel.Protocol;

/// <summary>The connection file Jupyter writes before starting the kernel: ports, transport and signing key.</summary>
public sealed record ConnectionInfo
{
    [JsonPropertyName("transport")] public string Transport { get; init; } = "tcp";
    [JsonPropertyName("ip")] public string Ip { get; init; } = "127.0.0.1";
    [JsonPropertyName("shell_port")] public int ShellPort { get; init; }
    [JsonPropertyName("iopub_port")] public int IOPubPort { get; init; }
    [JsonPropertyName("stdin_port")] public int StdinPort { get; init; }
    [JsonPropertyName("control_port")] public int ControlPort { get; init; }
    [JsonPropertyName("hb_port")] public int HeartbeatPort { get; init; }
    [JsonPropertyName("key")] public string Key { get; init; } = "";
    [JsonPropertyName("signature_scheme")] public string SignatureScheme { get; init; } = "hmac-sha256";

    /// <summary>The ZeroMQ endpoint of a port.</summary>
    public string Endpoint(int port) => $"{Transport}://{Ip}:{port}";

    /// <summary>Reads a connection file; the error names the file and what is wrong.</summary>
    public static ConnectionInfo Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"connection file '{path}' does not exist", path);
        ConnectionInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<ConnectionInfo>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"connection file '{path}' is not valid JSON: {e.Message}", e);
        }
        if (info is null) throw new InvalidDataException($"connection file '{path}' is empty");
        if (info.Transport != "tcp")
        {
            // NetMQ's "ipc" is TCP on loopback, not libzmq's Unix-domain sockets: a front end could not connect.
            throw new InvalidDataException(
                $"connection file '{path}': transport '{info.Transport}' is not supported (only tcp; Jupyter's default)");
        }
        if (info.SignatureScheme != "hmac-sha256" && info.Key.Length > 0)
        {
            throw new InvalidDataException(
                $"connection file '{path}': signature_scheme '{info.SignatureScheme}' is not supported (only hmac-sha256)");
        }
        foreach (var (name, port) in new[] { ("shell_port", info.ShellPort), ("iopub_port", info.IOPubPort), ("stdin_port", info.StdinPort),
            ("control_port", info.ControlPort), ("hb_port", info.HeartbeatPort) })
        {
            if (port <= 0 || port > 65535) throw new InvalidDataException($"connection file '{path}': {name} {port} is not a port");
        }
        return info;
    }
}
