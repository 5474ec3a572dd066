using TorchSharp;
using static TorchSharp.torch;

namespace HydroWorkshop.Engine;

/// <summary>Devices named as in configs and PyTorch (<c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>), with errors that name the text.</summary>
public static class Devices
{
    /// <summary>The first GPU when TorchSharp's CUDA build finds one, else the CPU.</summary>
    public static Device Best() => cuda.is_available() ? CUDA : CPU;

    /// <summary>Parses PyTorch's spelling: <c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>.</summary>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().ToLowerInvariant().Split(':');
        var index = 0;
        if (parts.Length > 2 || (parts.Length == 2 && (!int.TryParse(parts[1], out index) || index < 0)))
            throw new FormatException($"'{text}' is not a device (expected cpu, cuda or cuda:N)");
        return parts[0] switch
        {
            "cpu" => CPU,
            "cuda" => new Device(DeviceType.CUDA, index),
            _ => throw new FormatException($"'{text}' is not a device (expected cpu, cuda or cuda:N)"),
        };
    }

    /// <summary>PyTorch's spelling of <paramref name="device"/>: <c>cpu</c>, <c>cuda:0</c>.</summary>
    public static string Name(Device device) => device.type == DeviceType.CPU ? "cpu"
        : $"{device.type.ToString().ToLowerInvariant()}:{Math.Max(device.index, 0)}";
}
