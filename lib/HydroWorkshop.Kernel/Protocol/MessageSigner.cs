using System.Security.Cryptography;

namespace HydroWorkshop.Kernel.Protocol;

/// <summary>HMAC-SHA256 over header, parent header, metadata and content, as a lower-case hex string.
/// An empty key disables signing (Jupyter's convention), and then every signature must be empty.</summary>
public sealed class MessageSigner(byte[] key)
{
    public bool IsEnabled => key.Length > 0;

    public string Sign(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!IsEnabled) return "";
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(header);
        hmac.AppendData(parentHeader);
        hmac.AppendData(metadata);
        hmac.AppendData(content);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>True when <paramref name="signature"/> matches; compared in constant time so the time taken
    /// does not reveal how many leading characters were right.</summary>
    public bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader,
        ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!IsEnabled) return signature.Length == 0;
        var expected = System.Text.Encoding.ASCII.GetBytes(Sign(header, parentHeader, metadata, content));
        // FixedTimeEquals returns early only on a length mismatch, which reveals nothing (the length is public).
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }
}
