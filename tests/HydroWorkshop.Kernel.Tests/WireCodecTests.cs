using System.Text.Json.Nodes;
using HydroWorkshop.Kernel.Protocol;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

public class WireCodecTests
{
    private readonly WireCodec codec = new(new MessageSigner("key"u8.ToArray()));

    [Fact]
    public void Decode_EncodedMessage_RoundTrips()
    {
        var request = JupyterMessage.Create("execute_request", new JsonObject { ["code"] = "1 + 1" }, "session");
        request.Identities.Add("client-id"u8.ToArray());
        var decoded = codec.Decode(codec.Encode(request));
        Assert.Equal("execute_request", decoded.MessageType);
        Assert.Equal("1 + 1", decoded.Content["code"]!.GetValue<string>());
        Assert.Equal("client-id"u8.ToArray(), Assert.Single(decoded.Identities));
        Assert.Equal("5.3", decoded.Header["version"]!.GetValue<string>());
    }

    [Fact]
    public void Create_Reply_CarriesParentHeaderAndIdentities()
    {
        var request = JupyterMessage.Create("kernel_info_request", [], "client");
        request.Identities.Add([1, 2, 3]);
        var reply = JupyterMessage.Create("kernel_info_reply", [], "kernel", request);
        Assert.Equal(request.MessageId, reply.ParentHeader["msg_id"]!.GetValue<string>());
        Assert.Equal([1, 2, 3], Assert.Single(reply.Identities));
    }

    [Fact]
    public void Decode_TamperedContent_ThrowsBadSignature()
    {
        var frames = codec.Encode(JupyterMessage.Create("execute_request", new JsonObject { ["code"] = "1" }, "s"));
        frames[^1] = "{\"code\":\"File.Delete(x)\"}"u8.ToArray();
        var error = Assert.Throws<InvalidMessageException>(() => codec.Decode(frames));
        Assert.Equal("bad signature", error.Message);
    }

    [Fact]
    public void Decode_SignedWithOtherKey_Throws()
    {
        var other = new WireCodec(new MessageSigner("other"u8.ToArray()));
        var frames = other.Encode(JupyterMessage.Create("execute_request", new JsonObject { ["code"] = "1" }, "s"));
        Assert.Throws<InvalidMessageException>(() => codec.Decode(frames));
    }

    [Fact]
    public void Decode_NoDelimiter_Throws()
    {
        var error = Assert.Throws<InvalidMessageException>(() => codec.Decode([[1], "{}"u8.ToArray()]));
        Assert.Contains("delimiter", error.Message);
    }
}
