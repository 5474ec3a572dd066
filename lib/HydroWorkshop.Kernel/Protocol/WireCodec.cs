using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HydroWorkshop.Kernel.Protocol;

/// <summary>The wire format: <c>[identities..., "&lt;IDS|MSG&gt;", signature, header, parent_header, metadata,
/// content, buffers...]</c>.</summary>
public sealed class WireCodec(MessageSigner signer)
{
    public static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public List<byte[]> Encode(JupyterMessage message)
    {
        var header = Serialize(message.Header);
        var parent = Serialize(message.ParentHeader);
        var metadata = Serialize(message.Metadata);
        var content = Serialize(message.Content);
        var frames = new List<byte[]>(message.Identities.Count + 6 + message.Buffers.Count);
        frames.AddRange(message.Identities);
        frames.Add(Delimiter);
        frames.Add(Encoding.ASCII.GetBytes(signer.Sign(header, parent, metadata, content)));
        frames.Add(header);
        frames.Add(parent);
        frames.Add(metadata);
        frames.Add(content);
        frames.AddRange(message.Buffers);
        return frames;
    }

    /// <summary>Decodes and verifies a message. Throws <see cref="InvalidMessageException"/> for a malformed
    /// message or a bad/missing signature; the caller drops and logs it.</summary>
    public JupyterMessage Decode(IReadOnlyList<byte[]> frames)
    {
        var delimiter = -1;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].AsSpan().SequenceEqual(Delimiter)) { delimiter = i; break; }
        }
        if (delimiter < 0) throw new InvalidMessageException("no <IDS|MSG> delimiter");
        if (frames.Count < delimiter + 6) throw new InvalidMessageException(
            $"{frames.Count - delimiter - 1} frames after the delimiter, 5 needed");
        var signature = frames[delimiter + 1];
        var header = frames[delimiter + 2];
        var parent = frames[delimiter + 3];
        var metadata = frames[delimiter + 4];
        var content = frames[delimiter + 5];
        if (!signer.Verify(signature, header, parent, metadata, content))
        {
            throw new InvalidMessageException(signature.Length == 0 ? "missing signature" : "bad signature");
        }
        try
        {
            return new JupyterMessage
            {
                Identities = [.. frames.Take(delimiter)],
                Header = ParseObject(header, "header"),
                ParentHeader = ParseObject(parent, "parent_header"),
                Metadata = ParseObject(metadata, "metadata"),
                Content = ParseObject(content, "content"),
                Buffers = [.. frames.Skip(delimiter + 6)],
            };
        }
        catch (JsonException e)
        {
            throw new InvalidMessageException($"invalid JSON: {e.Message}");
        }
    }

    private static byte[] Serialize(JsonObject value) => JsonSerializer.SerializeToUtf8Bytes(value, Compact);

    private static JsonObject ParseObject(byte[] json, string part) =>
        JsonNode.Parse(json) as JsonObject ?? throw new InvalidMessageException($"{part} is not a JSON object");
}

/// <summary>A message that is dropped: malformed or not signed with the session key.</summary>
public sealed class InvalidMessageException(string reason) : Exception(reason);
