using HydroWorkshop.Engine;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Engine;

/// <summary>Devices spelled as in configs and PyTorch.</summary>
public sealed class DevicesTests
{
    [Theory]
    [InlineData("cpu", DeviceType.CPU, -1)]
    [InlineData("CPU", DeviceType.CPU, -1)]
    [InlineData("cuda", DeviceType.CUDA, 0)]
    [InlineData("cuda:2", DeviceType.CUDA, 2)]
    [InlineData(" cuda:1 ", DeviceType.CUDA, 1)]
    public void Parse_PyTorchSpelling_GivesDevice(string text, DeviceType type, int index)
    {
        var device = Devices.Parse(text);
        Assert.Equal((type, type == DeviceType.CPU ? -1 : index), (device.type, device.type == DeviceType.CPU ? -1 : device.index));
    }

    [Theory]
    [InlineData("tpu")]
    [InlineData("tpu:0")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:1:2")]
    [InlineData("")]
    public void Parse_BadText_ThrowsNamingTheText(string text)
    {
        var e = Assert.Throws<FormatException>(() => Devices.Parse(text));
        Assert.Contains($"'{text}' is not a device (expected cpu, cuda or cuda:N)", e.Message);
    }

    [Theory]
    [InlineData("cpu", "cpu")]
    [InlineData("cuda", "cuda:0")]
    [InlineData("cuda:3", "cuda:3")]
    public void Name_ParsedDevice_IsPyTorchSpelling(string text, string expected)
    {
        Assert.Equal(expected, Devices.Name(Devices.Parse(text)));
    }
}
