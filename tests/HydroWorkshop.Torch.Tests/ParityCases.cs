using HydroWorkshop.Torch;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Tests;

/// <summary>
/// The C# side of every case in tests/fixtures/make_torch_fixtures.py, by name: the same expression
/// written with this library. Inputs arrive in the fixture's order.
/// </summary>
public static class ParityCases
{
    private static Tensor[] One(Tensor t) => [t];

    private static Tensor[] Seeded(Func<Tensor> make)
    {
        manual_seed(1234);
        return [make()];
    }

    public static readonly IReadOnlyDictionary<string, Func<Tensor[], Tensor[]>> All = new Dictionary<string, Func<Tensor[], Tensor[]>>
    {
        // creation
        ["zeros"] = _ => One(zeros(2, 3)),
        ["ones_float64"] = _ => One(ones([2, 2], float64)),
        ["full"] = _ => One(full([3, 2], 2.5)),
        ["arange_int"] = _ => One(arange(0, 10, 3)),
        ["arange_float"] = _ => One(arange(0.0, 1.0, 0.25)),
        ["linspace"] = _ => One(linspace(-1.0, 1.0, 7)),
        ["eye"] = _ => One(eye(3)),
        ["rand_seed1234"] = _ => Seeded(() => rand(4, 3)),
        ["randn_seed1234"] = _ => Seeded(() => randn(5)),
        ["randint_seed1234"] = _ => Seeded(() => randint(0, 10, [6])),
        ["randperm_seed1234"] = _ => Seeded(() => randperm(8)),

        // arithmetic with broadcasting
        ["add_same_shape"] = x => One(x[0] + x[1]),
        ["add_column_row"] = x => One(x[0] + x[1]),
        ["add_trailing_vector"] = x => One(x[0] + x[1]),
        ["sub_scalar_tensor"] = x => One(x[0] - x[1]),
        ["mul_size1_leading"] = x => One(x[0] * x[1]),
        ["div_broadcast"] = x => One(x[0] / x[1]),
        ["add_alpha"] = x => One(x[0].add(x[1], alpha: -2.0)),
        ["scalar_ops"] = x => One((2.0 - x[0]) * 3.0 / 4.0 + 1.0),
        ["rdiv_scalar"] = x => One(1.0 / x[0]),
        ["pow_scalar"] = x => One(x[0].pow(3.0)),
        ["pow_tensor"] = x => One(x[0].pow(x[1])),
        ["neg_abs"] = x => One((-x[0]).abs()),
        ["int_plus_int"] = x => One(x[0] + 2),
        ["int_times_float"] = x => One(x[0] * x[1]),
        ["remainder"] = x => One(x[0] % 0.7),

        // elementwise maths
        ["exp"] = x => One(x[0].exp()),
        ["log"] = x => One(x[0].log()),
        ["log1p"] = x => One(x[0].log1p()),
        ["sqrt"] = x => One(x[0].sqrt()),
        ["rsqrt"] = x => One(x[0].rsqrt()),
        ["clamp_both"] = x => One(x[0].clamp(-0.5, 0.5)),
        ["clamp_min"] = x => One(x[0].clamp(min: 0.1)),
        ["sigmoid"] = x => One(x[0].sigmoid()),
        ["tanh"] = x => One(x[0].tanh()),
        ["relu"] = x => One(x[0].relu()),
        ["gelu"] = x => One(x[0].gelu()),
        ["gelu_tanh"] = x => One(x[0].gelu("tanh")),
        ["silu"] = x => One(x[0].silu()),
        ["softplus"] = x => One(x[0].softplus()),
        ["leaky_relu"] = x => One(x[0].leaky_relu(0.1)),
        ["softmax_last"] = x => One(x[0].softmax(-1)),
        ["softmax_dim0"] = x => One(x[0].softmax(0)),
        ["log_softmax"] = x => One(x[0].log_softmax(1)),
        ["sin_cos"] = x => One(x[0].sin() * x[0].cos()),
        ["square"] = x => One(x[0].square()),
        ["maximum"] = x => One(maximum(x[0], x[1])),
        ["nan_to_num"] = x => One(x[0].nan_to_num(0.0)),

        // comparisons, where, isnan
        ["lt_tensor"] = x => One(x[0] < x[1]),
        ["ge_scalar"] = x => One(x[0] >= 0.0),
        ["eq_int"] = x => One(x[0].eq(x[1])),
        ["where_tensor"] = x => One(where(x[0] > 0, x[1], x[2])),
        ["where_scalar"] = x => One(where(x[0] > 0, x[0], 0.0)),
        ["isnan"] = x => One(x[0].isnan()),
        ["logical_and"] = x => One((x[0] > 0) & (x[1] > 0)),

        // reductions
        ["sum_all"] = x => One(x[0].sum()),
        ["sum_dim"] = x => One(x[0].sum(1)),
        ["sum_dims_keepdim"] = x => One(x[0].sum([0, 2], keepdim: true)),
        ["mean_all"] = x => One(x[0].mean()),
        ["mean_dim_neg"] = x => One(x[0].mean(-1)),
        ["max_all"] = x => One(x[0].max()),
        ["max_dim"] = x => { var (v, i) = x[0].max(1); return [v, i]; },
        ["min_dim_keepdim"] = x => { var (v, i) = x[0].min(0, keepdim: true); return [v, i]; },
        ["argmax_dim"] = x => One(x[0].argmax(1)),
        ["std_unbiased"] = x => One(x[0].std()),
        ["std_dim_biased"] = x => One(x[0].std(1, unbiased: false)),
        ["var_dim"] = x => One(x[0].var(0)),
        ["nansum"] = x => One(x[0].nansum()),
        ["nanmean"] = x => One(x[0].nanmean()),
        ["nanmean_dim"] = x => One(x[0].nanmean(1)),
        ["prod_dim"] = x => One(x[0].prod(1)),
        ["cumsum"] = x => One(x[0].cumsum(0)),
        ["logsumexp"] = x => One(x[0].logsumexp(1)),
        ["norm"] = x => One(x[0].norm()),

        // linear algebra
        ["matmul_2d"] = x => One(x[0].matmul(x[1])),
        ["matmul_batched_broadcast"] = x => One(x[0].matmul(x[1])),
        ["matmul_vector"] = x => One(x[0].matmul(x[1])),
        ["bmm"] = x => One(x[0].bmm(x[1])),
        ["mm_t"] = x => One(x[0].mm(x[1].t())),

        // shape ops
        ["reshape_infer"] = x => One(x[0].reshape(3, -1)),
        ["view"] = x => One(x[0].view(4, 3)),
        ["permute"] = x => One(x[0].permute(2, 0, 1)),
        ["transpose"] = x => One(x[0].transpose(0, 2)),
        ["unsqueeze_squeeze"] = x => One(x[0].unsqueeze(1).squeeze()),
        ["squeeze_dim"] = x => One(x[0].squeeze(1)),
        ["expand"] = x => One(x[0].expand(3, 4)),
        ["cat_dim1"] = x => One(cat([x[0], x[1]], 1)),
        ["stack_dim0"] = x => One(stack([x[0], x[1]], 0)),
        ["split_size"] = x => x[0].split(2, 0),
        ["split_sizes"] = x => x[0].split([1, 3], 1),
        ["chunk"] = x => x[0].chunk(3, 1),
        ["narrow"] = x => One(x[0].narrow(1, 1, 2)),
        ["flatten"] = x => One(x[0].flatten(1)),
        ["flip"] = x => One(x[0].flip(0)),
        ["repeat"] = x => One(x[0].repeat(2, 1)),

        // indexing and slicing
        ["index_int"] = x => One(x[0][1]),
        ["index_negative"] = x => One(x[0][^1, 1..3]),
        ["slice_step"] = x => One(x[0][.., TensorIndex.Slice(step: 2)]),
        ["slice_range_last"] = x => One(x[0][TensorIndex.Ellipsis, 1..]),
        ["index_none"] = x => One(x[0][.., TensorIndex.None, 0]),
        ["index_select"] = x => One(x[0].index_select(1, x[1])),
        ["index_tensor"] = x => One(x[0][x[1]]),
        ["masked_select"] = x => One(x[0].masked_select(x[0] > 0)),
        ["bool_mask"] = x => One(x[0][x[1]]),
        ["mask_last_dim"] = x => One(x[0][.., x[0][0] > 0]),
        ["masked_fill"] = x => One(x[0].masked_fill(x[0] < 0, 0.0)),
        ["gather"] = x => One(x[0].gather(1, x[1])),

        // aten::lstm through the generic operator call: (input, hx, params, has_biases, num_layers,
        // dropout, train, bidirectional, batch_first) -> (output, h, c)
        ["lstm_two_layers"] = x => ops("aten::lstm.input").CallMany(x[0], new[] { x[1], x[2] }, x[3..], true, 2L, 0.0, false, false, true),
    };
}
