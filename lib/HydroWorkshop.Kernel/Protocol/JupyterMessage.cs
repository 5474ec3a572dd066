using System.Globalization;
using System.Text.Json.Nodes;

namespace HydroWorkshop.Kernel.Protocol;

/// <summary>One Jupyter message (protocol 5.3): routing identities, header, parent header, metadata,
/// content and binary buffers. JSON parts stay as <see cref="JsonObject"/>s.</summary>
public sealed class JupyterMessage
{
    public const string ProtocolVersion = "5.3";

    public List<byte[]> Identities { get; init; } = [];
    public required JsonObject Header { get; init; }
    public JsonObject ParentHeader { get; init; } = [];
    public JsonObject Metadata { get; init; } = [];
    public JsonObject Content { get; init; } = [];
    public List<byte[]> Buffers { get; init; } = [];

    public string MessageType => Header["msg_type"]?.GetValue<string>() ?? "";
    public string MessageId => Header["msg_id"]?.GetValue<string>() ?? "";
    public string Session => Header["session"]?.GetValue<string>() ?? "";

    /// <summary>A new message of <paramref name="messageType"/>; when it answers <paramref name="parent"/>
    /// it carries the parent's header and (for socket replies) its routing identities.</summary>
    public static JupyterMessage Create(string messageType, JsonObject content, string session, JupyterMessage? parent = null,
        bool route = true)
    {
        var header = new JsonObject
        {
            ["msg_id"] = Guid.NewGuid().ToString("N"),
            ["session"] = session,
            ["username"] = "kernel",
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            ["msg_type"] = messageType,
            ["version"] = ProtocolVersion,
        };
        return new JupyterMessage
        {
            Identities = route && parent is not null ? [.. parent.Identities] : [],
            Header = header,
            ParentHeader = parent is null ? [] : (JsonObject)parent.Header.DeepClone(),
            Content = content,
        };
    }
}
