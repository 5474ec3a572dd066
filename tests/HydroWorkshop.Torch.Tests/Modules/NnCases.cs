using HydroWorkshop.Torch.Modules;
using static HydroWorkshop.Torch.torch;
using F = HydroWorkshop.Torch.torch.nn.functional;

namespace HydroWorkshop.Torch.Tests.Modules;

/// <summary>One layer or loss case of tests/fixtures/make_nn_fixtures.py: how to build the module (null for
/// losses), how to run it, whether it runs in training mode, and extra outputs read from the module after.</summary>
public sealed record NnCase(Func<Module?> Make, Func<Module?, Tensor[], Tensor[]> Run, bool Train = false, Func<Module, Tensor[]>? Extra = null);

/// <summary>The C# side of every case, by name; PyTorch's defaults where the fixture script uses them.</summary>
public static class NnCases
{
    private static Tensor[] One(Tensor t) => [t];
    private static Tensor[] Call(Module? m, Tensor[] x) => One(((Module<Tensor, Tensor>)m!).forward(x[0]));
    private static Tensor[] Three((Tensor a, Tensor b, Tensor c) t) => [t.a, t.b, t.c];
    private static Tensor[] Pair((Tensor a, Tensor? b) t) => t.b is null ? [t.a] : [t.a, t.b];

    /// <summary>The key-padding mask of the attention cases, on the inputs' device (as PyTorch, the
    /// caller puts masks where the inputs are).</summary>
    private static Tensor Padding(Device device) =>
        tensor(new[] { false, false, false, true, true, false, false, false, false, false }, [2, 5]).to(device);

    public static readonly IReadOnlyDictionary<string, NnCase> All = new Dictionary<string, NnCase>
    {
        ["linear"] = new(() => new Linear(5, 3), Call),
        ["linear_nobias_3d"] = new(() => new Linear(4, 2, hasBias: false), Call),
        ["sequential"] = new(() => new Sequential(new Linear(3, 6), new ReLU(), new Linear(6, 2)), Call),

        ["lstm_two_layers_batch_first"] = new(() => new LSTM(3, 4, numLayers: 2, batchFirst: true), (m, x) => Three(((LSTM)m!).forward(x[0]))),
        ["lstm_initial_state_time_first"] = new(() => new LSTM(3, 4), (m, x) => Three(((LSTM)m!).forward(x[0], (x[1], x[2])))),
        ["lstm_bidirectional"] = new(() => new LSTM(3, 4, batchFirst: true, bidirectional: true), (m, x) => Three(((LSTM)m!).forward(x[0]))),
        ["gru_two_layers"] = new(() => new GRU(3, 4, numLayers: 2, batchFirst: true), (m, x) => Pair(((GRU)m!).forward(x[0]))),
        ["lstm_cell"] = new(() => new LSTMCell(3, 4), (m, x) => Pair(((LSTMCell)m!).forward(x[0], (x[1], x[2])))),

        ["conv2d_padding1"] = new(() => new Conv2d(2, 3, 3, padding: 1), Call),
        ["conv2d_same_dilated"] = new(() => new Conv2d(2, 4, 3, "same", dilation: 2), Call),
        ["conv2d_stride_groups"] = new(() => new Conv2d(4, 4, 3, stride: 2, padding: 1, groups: 2), Call),
        ["conv_transpose2d"] = new(() => new ConvTranspose2d(3, 2, 3, stride: 2, padding: 1, outputPadding: 1), Call),
        ["max_pool2d"] = new(() => new MaxPool2d(2), Call),
        ["avg_pool2d_stride1_pad"] = new(() => new AvgPool2d(3, stride: 1, padding: 1), Call),
        ["upsample_nearest"] = new(() => new Upsample(2.0, "nearest"), Call),
        ["upsample_bilinear"] = new(() => new Upsample(2.0, "bilinear"), Call),

        ["batch_norm2d_train"] = new(() => new BatchNorm2d(3), Call, Train: true,
            Extra: m => [((BatchNorm2d)m).running_mean.clone(), ((BatchNorm2d)m).running_var.clone()]),
        ["batch_norm2d_eval"] = new(() => new BatchNorm2d(3), Call),
        ["group_norm"] = new(() => new GroupNorm(2, 4), Call),
        ["layer_norm"] = new(() => new LayerNorm(6), Call),
        ["embedding"] = new(() => new Embedding(10, 3), Call),

        ["relu_module"] = new(() => new ReLU(), Call),
        ["leaky_relu_module"] = new(() => new LeakyReLU(0.2), Call),
        ["gelu_module"] = new(() => new GELU(), Call),
        ["silu_module"] = new(() => new SiLU(), Call),
        ["tanh_module"] = new(() => new Tanh(), Call),
        ["sigmoid_module"] = new(() => new Sigmoid(), Call),
        ["softplus_module"] = new(() => new Softplus(beta: 2.0), Call),

        ["mha_key_padding"] = new(() => new MultiheadAttention(8, 2, batchFirst: true),
            (m, x) => Pair(((MultiheadAttention)m!).forward(x[0], x[0], x[0], key_padding_mask: Padding(x[0].device)))),
        ["mha_causal_cross"] = new(() => new MultiheadAttention(8, 4, batchFirst: true),
            (m, x) => Pair(((MultiheadAttention)m!).forward(x[0], x[1], x[1], attn_mask: ones([4, 4], @bool, x[0].device).triu(1)))),
        ["mha_per_head_weights"] = new(() => new MultiheadAttention(6, 3, batchFirst: true),
            (m, x) => Pair(((MultiheadAttention)m!).forward(x[0], x[0], x[0], average_attn_weights: false))),
        ["transformer_layer_post_norm"] = new(() => new TransformerEncoderLayer(8, 2, 16, 0.0, batchFirst: true),
            (m, x) => One(((TransformerEncoderLayer)m!).forward(x[0]))),
        ["transformer_layer_norm_first_gelu"] = new(() => new TransformerEncoderLayer(8, 2, 16, 0.0, "gelu", batchFirst: true, normFirst: true),
            (m, x) => One(((TransformerEncoderLayer)m!).forward(x[0]))),
        ["transformer_encoder_two_layers"] = new(
            () => new TransformerEncoder(() => new TransformerEncoderLayer(8, 2, 16, 0.0, batchFirst: true, normFirst: true), 2, new LayerNorm(8)),
            (m, x) => One(((TransformerEncoder)m!).forward(x[0], src_key_padding_mask: Padding(x[0].device)))),

        ["mse_loss"] = new(() => null, (_, x) => One(F.mse_loss(x[0], x[1]))),
        ["mse_loss_sum"] = new(() => null, (_, x) => One(F.mse_loss(x[0], x[1], nn.Reduction.Sum))),
        ["l1_loss"] = new(() => null, (_, x) => One(F.l1_loss(x[0], x[1]))),
        ["huber_loss"] = new(() => null, (_, x) => One(F.huber_loss(x[0], x[1], delta: 0.5))),
        ["smooth_l1_loss_none"] = new(() => null, (_, x) => One(F.smooth_l1_loss(x[0], x[1], nn.Reduction.None, beta: 0.5))),
        ["gaussian_nll_loss_full"] = new(() => null, (_, x) => One(F.gaussian_nll_loss(x[0], x[1], x[2], full: true))),
        ["bce_with_logits_pos_weight"] = new(() => null,
            (_, x) => One(F.binary_cross_entropy_with_logits(x[0], x[1], pos_weight: tensor(new[] { 0.5f, 1.0f, 2.0f }).to(x[0].device)))),
        ["masked_mse_loss"] = new(() => null, (_, x) => One(F.masked_mse_loss(x[0], x[1]))),
        ["masked_l1_loss"] = new(() => null, (_, x) => One(F.masked_l1_loss(x[0], x[1]))),
    };
}
