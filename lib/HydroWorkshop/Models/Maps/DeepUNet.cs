using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Maps;

/// <summary>
/// A U-Net that pools four times, so its bottom (a 4 x 4 grid of a 64 x 64 map) sees the whole domain: what
/// <see cref="OnePassFlood"/> needs to place an event's water from the breach to the far corner in one pass, where
/// <see cref="SmallUNet"/> (two levels, about 30 cells) only moves water within one step. Channels double per level up to
/// 4 x <c>width</c>; one 3 x 3 convolution of <c>width</c> / 2 channels at full resolution on the way down and one of
/// <c>width</c> on the way up (most cells are there, so the work happens below); average pooling down, nearest
/// upsampling and skip connections up. Global inputs (e.g. an event's inflow volumes) join at the bottom.
/// Input [N, channels, y, x] (y and x divisible by 16) and global [N, G] → features [N, <c>width</c>, y, x].
/// </summary>
public sealed class DeepUNet : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Times the map is halved on the way down.</summary>
    public const int Levels = 4;

    private readonly Sequential stem, top;
    private readonly ModuleList<Sequential> down, up;

    /// <param name="channels">Input map channels.</param>
    /// <param name="globals">Values per map that join at the bottom (0 for none).</param>
    /// <param name="width">Output channels (and those at half resolution).</param>
    public DeepUNet(int channels, int globals, int width) : base(nameof(DeepUNet))
    {
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, "a U-Net needs at least 1 input channel");
        if (globals < 0) throw new ArgumentOutOfRangeException(nameof(globals), globals, "global inputs cannot be negative");
        if (width < 2) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be at least 2 channels");
        Width = width;
        var fine = width / 2;
        stem = nn.Sequential(nn.Conv2d(channels, fine, 3, padding: 1), nn.GELU());
        var widths = Enumerable.Range(0, Levels + 1).Select(level => level == 0 ? fine : width * Math.Min(1 << (level - 1), 4)).ToArray();
        down = new ModuleList<Sequential>(Enumerable.Range(1, Levels)
            .Select(level => Block(widths[level - 1] + (level == Levels ? globals : 0), widths[level])).ToArray());
        up = new ModuleList<Sequential>(Enumerable.Range(1, Levels - 1).Reverse()
            .Select(level => Block(widths[level + 1] + widths[level], widths[level])).ToArray());
        top = nn.Sequential(nn.Conv2d(widths[1] + fine, width, 3, padding: 1), nn.GELU());
        RegisterComponents();
    }

    /// <summary>Channels of the output features.</summary>
    public int Width { get; }

    private static Sequential Block(int input, int output) => nn.Sequential(
        nn.Conv2d(input, output, 3, padding: 1), nn.GELU(),
        nn.Conv2d(output, output, 3, padding: 1), nn.GELU());

    /// <param name="x">Maps [N, channels, y, x].</param>
    /// <param name="globals">Per-map values [N, G], broadcast over the bottom grid.</param>
    public override Tensor forward(Tensor x, Tensor globals)
    {
        if (x.size(2) % (1 << Levels) != 0 || x.size(3) % (1 << Levels) != 0)
            throw new ArgumentException($"DeepUNet needs a grid divisible by {1 << Levels}, got {x.size(2)} x {x.size(3)}", nameof(x));
        using var scope = NewDisposeScope();
        var skips = new List<Tensor> { stem.forward(x) };                                 // [N, w/2, y, x]
        for (var level = 1; level <= Levels; level++)
        {
            var pooled = nn.functional.avg_pool2d(skips[^1], 2);
            if (level == Levels && globals.size(1) > 0)
                pooled = cat([pooled, globals.reshape(globals.size(0), -1, 1, 1)
                    .expand(-1, -1, pooled.size(2), pooled.size(3))], 1);
            skips.Add(down[level - 1].forward(pooled));                                    // [N, w_level, y / 2^level, x / 2^level]
        }
        var features = skips[Levels];
        for (var level = Levels - 1; level >= 1; level--)
            features = up[Levels - 1 - level].forward(cat([Upsample(features), skips[level]], 1));
        return top.forward(cat([Upsample(features), skips[0]], 1)).MoveToOuterDisposeScope(); // [N, w, y, x]
    }

    private static Tensor Upsample(Tensor x) => nn.functional.interpolate(x, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest);
}
