namespace HydroWorkshop.Torch;

/// <summary>Device types, with c10::DeviceType's numbering.</summary>
public enum DeviceType
{
    CPU = 0,
    CUDA = 1,
}

/// <summary>Where a tensor lives: <c>Device.Cpu</c>, <c>Device.Cuda(0)</c>, or <c>Device.Best()</c>.</summary>
public readonly record struct Device(DeviceType Type, int Index = -1)
{
    public static Device Cpu => new(DeviceType.CPU);

    public static Device Cuda(int index = 0) => new(DeviceType.CUDA, index);

    /// <summary>The first CUDA device when one is usable, else the CPU.</summary>
    public static Device Best() => torch.cuda.is_available() ? Cuda(0) : Cpu;

    /// <summary>Parses PyTorch's spelling: <c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>.</summary>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().ToLowerInvariant().Split(':');
        var index = -1;
        if (parts.Length > 2 || (parts.Length == 2 && !int.TryParse(parts[1], out index)))
            throw new FormatException($"'{text}' is not a device (expected cpu, cuda or cuda:N)");
        return parts[0] switch
        {
            "cpu" => Cpu,
            "cuda" => new Device(DeviceType.CUDA, parts.Length == 2 ? index : 0),
            _ => throw new FormatException($"'{text}' is not a device (expected cpu, cuda or cuda:N)"),
        };
    }

    public override string ToString() => Type switch
    {
        DeviceType.CPU => "cpu",
        _ => Index >= 0 ? $"{Type.ToString().ToLowerInvariant()}:{Index}" : Type.ToString().ToLowerInvariant(),
    };
}
