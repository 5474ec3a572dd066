using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Modules;

/// <summary>Normalises the last dimensions (<c>normalizedShape</c>) to zero mean and unit variance,
/// then scales and shifts (weight, bias). Input [*, normalized_shape].</summary>
public sealed class LayerNorm : Module<Tensor, Tensor>
{
    public LayerNorm(long[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true)
    {
        normalized_shape = normalizedShape;
        this.eps = eps;
        if (elementwiseAffine)
        {
            weight = register_parameter("weight", ones(normalizedShape));
            bias = register_parameter("bias", zeros(normalizedShape));
        }
    }

    public LayerNorm(long normalizedSize, double eps = 1e-5) : this([normalizedSize], eps) { }

    public long[] normalized_shape { get; }
    public double eps { get; }
    public Tensor? weight { get; }
    public Tensor? bias { get; }

    public override Tensor forward(Tensor input)
    {
        var shape = input.shape;
        if (shape.Length < normalized_shape.Length || !shape[^normalized_shape.Length..].SequenceEqual(normalized_shape))
            throw new ArgumentException($"{this.Describe()}: input {input.Shape()} must end in [{string.Join(", ", normalized_shape)}]", nameof(input));
        return nn.functional.layer_norm(input, normalized_shape, weight, bias, eps);
    }

    protected override string ExtraRepr() => $"({string.Join(", ", normalized_shape)},), eps={eps}, elementwise_affine={(weight is not null ? "True" : "False")}";
}

/// <summary>Group normalisation of [batch, channel, ...] over <c>num_groups</c> groups of channels (Wu &amp; He 2018):
/// independent of the batch size, so it suits small batches of maps.</summary>
public sealed class GroupNorm : Module<Tensor, Tensor>
{
    public GroupNorm(long numGroups, long numChannels, double eps = 1e-5, bool affine = true)
    {
        if (numChannels % numGroups != 0)
            throw new ArgumentException($"GroupNorm: {numChannels} channels cannot be split into {numGroups} groups");
        num_groups = numGroups;
        num_channels = numChannels;
        this.eps = eps;
        if (affine)
        {
            weight = register_parameter("weight", ones(numChannels));
            bias = register_parameter("bias", zeros(numChannels));
        }
    }

    public long num_groups { get; }
    public long num_channels { get; }
    public double eps { get; }
    public Tensor? weight { get; }
    public Tensor? bias { get; }

    public override Tensor forward(Tensor input)
    {
        if (input.dim() < 2 || input.size(1) != num_channels)
            throw new ArgumentException($"{this.Describe()}: input {input.Shape()} must be [batch, {num_channels}, ...]", nameof(input));
        return nn.functional.group_norm(input, num_groups, weight, bias, eps);
    }

    protected override string ExtraRepr() => $"{num_groups}, {num_channels}, eps={eps}, affine={(weight is not null ? "True" : "False")}";
}

/// <summary>Batch normalisation of [batch, channel, y, x] (Ioffe &amp; Szegedy 2015): batch statistics in training
/// (updating running_mean and running_var with <c>momentum</c>), the running ones in eval.</summary>
public sealed class BatchNorm2d : Module<Tensor, Tensor>
{
    public BatchNorm2d(long numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true)
    {
        num_features = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        if (affine)
        {
            weight = register_parameter("weight", ones(numFeatures));
            bias = register_parameter("bias", zeros(numFeatures));
        }
        running_mean = register_buffer("running_mean", zeros(numFeatures));
        running_var = register_buffer("running_var", ones(numFeatures));
        num_batches_tracked = register_buffer("num_batches_tracked", zeros([], int64));
    }

    public long num_features { get; }
    public double eps { get; }
    public double momentum { get; }
    public Tensor? weight { get; }
    public Tensor? bias { get; }
    public Tensor running_mean { get; }
    public Tensor running_var { get; }
    public Tensor num_batches_tracked { get; }

    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 4 || input.size(1) != num_features)
            throw new ArgumentException($"{this.Describe()}: input {input.Shape()} must be [batch, {num_features}, y, x]", nameof(input));
        if (training)
        {
            using var noGrad = no_grad();
            num_batches_tracked.add_(1L);
        }
        return nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps);
    }

    protected override string ExtraRepr() => $"{num_features}, eps={eps}, momentum={momentum}, affine={(weight is not null ? "True" : "False")}";
}
