using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Modules;

/// <summary>
/// What Conv2d and ConvTranspose2d share: their sizes, and PyTorch's initialisation of a weight of the given
/// shape (kaiming-uniform with a = √5, i.e. U(-1/√fan_in, 1/√fan_in)) and of the bias (the same bound).
/// </summary>
public abstract class ConvolutionBase : Module<Tensor, Tensor>
{
    private protected ConvolutionBase(string name, long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding,
        long[] dilation, long groups, long[] weightShape, bool hasBias)
    {
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"{name}: {inChannels} in and {outChannels} out channels must both divide into {groups} groups");
        in_channels = inChannels;
        out_channels = outChannels;
        kernel_size = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
        weight = register_parameter("weight", nn.init.kaiming_uniform_(empty(weightShape), Math.Sqrt(5)));
        if (hasBias)
        {
            var bound = 1 / Math.Sqrt(nn.init.fans(weight).fanIn);
            bias = register_parameter("bias", nn.init.uniform_(empty([outChannels]), -bound, bound));
        }
    }

    public long in_channels { get; }
    public long out_channels { get; }
    public long[] kernel_size { get; }
    public long[] stride { get; }
    public long[] padding { get; }
    public long[] dilation { get; }
    public long groups { get; }
    public Tensor weight { get; }
    public Tensor? bias { get; }

    /// <summary>Checks [batch, in_channels, y, x], naming the module and the shapes.</summary>
    private protected void CheckInput(Tensor input)
    {
        if (input.dim() != 4 || input.size(1) != in_channels)
            throw new ArgumentException($"{this.Describe()}: input {input.Shape()} must be [batch, {in_channels}, y, x]", nameof(input));
    }

    private protected string SizesRepr() =>
        $"{in_channels}, {out_channels}, kernel_size=({string.Join(", ", kernel_size)}), stride=({string.Join(", ", stride)})";
}

/// <summary>
/// 2-D convolution: [batch, in_channels, y, x] -> [batch, out_channels, y', x'], weight
/// [out_channels, in_channels / groups, kh, kw]. Padding is a size per side or "same" (keeps the grid,
/// stride 1 only) or "valid" (none). Initialised as PyTorch's.
/// </summary>
public sealed class Conv2d : ConvolutionBase
{
    private readonly string? paddingMode;

    public Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool hasBias = true)
        : this(inChannels, outChannels, [kernelSize, kernelSize], [stride, stride], [padding, padding], null, [dilation, dilation], groups, hasBias) { }

    /// <summary>With padding "same" or "valid".</summary>
    public Conv2d(long inChannels, long outChannels, long kernelSize, string padding, long dilation = 1, long groups = 1, bool hasBias = true)
        : this(inChannels, outChannels, [kernelSize, kernelSize], [1, 1], [0, 0], padding, [dilation, dilation], groups, hasBias) { }

    public Conv2d(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding, string? paddingMode, long[] dilation, long groups, bool hasBias)
        : base("Conv2d", inChannels, outChannels, kernelSize, stride, padding, dilation, groups,
            [outChannels, inChannels / Math.Max(1, groups), kernelSize[0], kernelSize[1]], hasBias)
    {
        if (paddingMode is not null and not "same" and not "valid")
            throw new ArgumentException($"Conv2d: padding '{paddingMode}' is not 'same' or 'valid'");
        this.paddingMode = paddingMode;
    }

    public override Tensor forward(Tensor input)
    {
        CheckInput(input);
        return paddingMode is null
            ? nn.functional.conv2d(input, weight, bias, stride, padding, dilation, groups)
            : nn.functional.conv2d(input, weight, bias, stride, paddingMode, dilation, groups);
    }

    protected override string ExtraRepr() =>
        SizesRepr() +
        (paddingMode is not null ? $", padding={paddingMode}" : padding.Any(p => p != 0) ? $", padding=({string.Join(", ", padding)})" : "") +
        (groups != 1 ? $", groups={groups}" : "") + (bias is null ? ", bias=False" : "");
}

/// <summary>Transposed 2-D convolution (learned upsampling): weight [in_channels, out_channels / groups, kh, kw];
/// output size (y - 1)·stride - 2·padding + dilation·(k - 1) + output_padding + 1.</summary>
public sealed class ConvTranspose2d : ConvolutionBase
{
    public ConvTranspose2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long outputPadding = 0, long groups = 1, bool hasBias = true, long dilation = 1)
        : base("ConvTranspose2d", inChannels, outChannels, [kernelSize, kernelSize], [stride, stride], [padding, padding], [dilation, dilation], groups,
            [inChannels, outChannels / Math.Max(1, groups), kernelSize, kernelSize], hasBias)
    {
        output_padding = [outputPadding, outputPadding];
    }

    public long[] output_padding { get; }

    public override Tensor forward(Tensor input)
    {
        CheckInput(input);
        return nn.functional.conv_transpose2d(input, weight, bias, stride, padding, output_padding, groups, dilation);
    }

    protected override string ExtraRepr() => SizesRepr();
}

/// <summary>Maximum over windows of [batch, channel, y, x]; stride defaults to the kernel size.</summary>
public sealed class MaxPool2d(long kernelSize, long? stride = null, long padding = 0) : Module<Tensor, Tensor>
{
    public long kernel_size { get; } = kernelSize;
    public long stride { get; } = stride ?? kernelSize;
    public long padding { get; } = padding;
    public override Tensor forward(Tensor input) => nn.functional.max_pool2d(input, [kernel_size, kernel_size], [stride, stride], [padding, padding]);
    protected override string ExtraRepr() => $"kernel_size={kernel_size}, stride={stride}, padding={padding}";
}

/// <summary>Mean over windows of [batch, channel, y, x]; stride defaults to the kernel size.</summary>
public sealed class AvgPool2d(long kernelSize, long? stride = null, long padding = 0) : Module<Tensor, Tensor>
{
    public long kernel_size { get; } = kernelSize;
    public long stride { get; } = stride ?? kernelSize;
    public long padding { get; } = padding;
    public override Tensor forward(Tensor input) => nn.functional.avg_pool2d(input, [kernel_size, kernel_size], [stride, stride], [padding, padding]);
    protected override string ExtraRepr() => $"kernel_size={kernel_size}, stride={stride}, padding={padding}";
}

/// <summary>Resizes [batch, channel, y, x] by a scale factor; mode "nearest" or "bilinear".</summary>
public sealed class Upsample(double scaleFactor, string mode = "nearest", bool alignCorners = false) : Module<Tensor, Tensor>
{
    public double scale_factor { get; } = scaleFactor;
    public string mode { get; } = mode;
    public override Tensor forward(Tensor input) =>
        nn.functional.interpolate(input, scale_factor: [scale_factor, scale_factor], mode: mode, align_corners: alignCorners);
    protected override string ExtraRepr() => $"scale_factor={scale_factor}, mode='{mode}'";
}

/// <summary>A lookup table [num_embeddings, embedding_dim]: int64 indices [*] -> [*, embedding_dim]
/// (e.g. a learned vector per basin). Initialised N(0, 1) as PyTorch's.</summary>
public sealed class Embedding : Module<Tensor, Tensor>
{
    public Embedding(long numEmbeddings, long embeddingDim)
    {
        num_embeddings = numEmbeddings;
        embedding_dim = embeddingDim;
        weight = register_parameter("weight", nn.init.normal_(empty([numEmbeddings, embeddingDim])));
    }

    public long num_embeddings { get; }
    public long embedding_dim { get; }
    public Tensor weight { get; }

    public override Tensor forward(Tensor input) => nn.functional.embedding(input, weight);
    protected override string ExtraRepr() => $"{num_embeddings}, {embedding_dim}";
}
