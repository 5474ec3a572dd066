using System.Text;
using HydroWorkshop.Kernel.Protocol;
using Xunit;

namespace HydroWorkshop.Kernel.Tests;

public class MessageSignerTests
{
    private static readonly byte[] Header = "{\"a\":1}"u8.ToArray();
    private static readonly byte[] Empty = "{}"u8.ToArray();
    private static readonly byte[] Content = "{\"code\":\"1\"}"u8.ToArray();

    [Fact]
    public void Sign_KnownKey_MatchesPythonHmac()
    {
        // hmac.new(b"secret", header + parent + metadata + content, hashlib.sha256).hexdigest()
        var signer = new MessageSigner("secret"u8.ToArray());
        Assert.Equal("4cd721348272a9d38f52e40f18755f0c1547d1172085474a01e7af8f3442da14", signer.Sign(Header, Empty, Empty, Content));
    }

    [Fact]
    public void Verify_TamperedContent_False()
    {
        var signer = new MessageSigner("secret"u8.ToArray());
        var signature = Encoding.ASCII.GetBytes(signer.Sign(Header, Empty, Empty, Content));
        Assert.True(signer.Verify(signature, Header, Empty, Empty, Content));
        Assert.False(signer.Verify(signature, Header, Empty, Empty, "{\"code\":\"2\"}"u8.ToArray()));
    }

    [Fact]
    public void Verify_MissingOrWrongKeySignature_False()
    {
        var signer = new MessageSigner("secret"u8.ToArray());
        var other = new MessageSigner("other"u8.ToArray());
        Assert.False(signer.Verify([], Header, Empty, Empty, Content));
        Assert.False(signer.Verify(Encoding.ASCII.GetBytes(other.Sign(Header, Empty, Empty, Content)), Header, Empty, Empty, Content));
    }

    [Fact]
    public void Verify_EmptyKey_AcceptsOnlyEmptySignature()
    {
        var signer = new MessageSigner([]);
        Assert.False(signer.IsEnabled);
        Assert.True(signer.Verify([], Header, Empty, Empty, Content));
        Assert.False(signer.Verify("abc"u8.ToArray(), Header, Empty, Empty, Content));
    }
}
