using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Maps;

/// <summary>
/// The small U-Net of the local flood models (<see cref="FloodStepper"/>, <see cref="CoarseRefiner"/>): one thin layer of
/// 8 channels at full resolution on each side, two 3 x 3 convolutions of <c>width</c> channels at half resolution and of
/// 2 x <c>width</c> at a quarter, average pooling down, nearest upsampling and skip connections up; each output cell sees
/// about 30 cells around it. Full resolution is where most cells are, so the work happens at 1/2 and 1/4.
/// Input [N, channels, y, x] (y and x divisible by 4) → features [N, <see cref="OutputChannels"/>, y, x].
/// </summary>
public sealed class SmallUNet : nn.Module<Tensor, Tensor>
{
    /// <summary>Channels of the output features (the full-resolution layers).</summary>
    public const int OutputChannels = 8;

    private readonly Sequential encoder0, encoder1, bottom, decoder1, decoder0;

    public SmallUNet(int channels, int width) : base(nameof(SmallUNet))
    {
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, "a U-Net needs at least 1 input channel");
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be at least 1 channel");
        const int fine = OutputChannels;
        encoder0 = nn.Sequential(nn.Conv2d(channels, fine, 3, padding: 1), nn.GELU());
        encoder1 = Block(fine, width);
        bottom = Block(width, 2 * width);
        decoder1 = Block(3 * width, width);
        decoder0 = nn.Sequential(nn.Conv2d(width + fine, fine, 3, padding: 1), nn.GELU());
        RegisterComponents();
    }

    private static Sequential Block(int input, int output) => nn.Sequential(
        nn.Conv2d(input, output, 3, padding: 1), nn.GELU(),
        nn.Conv2d(output, output, 3, padding: 1), nn.GELU());

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var e0 = encoder0.forward(x);                                                     // [N, 8, y, x]
        var e1 = encoder1.forward(nn.functional.avg_pool2d(e0, 2));                       // [N, w, y/2, x/2]
        var m = bottom.forward(nn.functional.avg_pool2d(e1, 2));                          // [N, 2w, y/4, x/4]
        var d1 = decoder1.forward(cat([Upsample(m), e1], 1));                             // [N, w, y/2, x/2]
        return decoder0.forward(cat([Upsample(d1), e0], 1)).MoveToOuterDisposeScope();    // [N, 8, y, x]
    }

    private static Tensor Upsample(Tensor x) => nn.functional.interpolate(x, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest);
}
