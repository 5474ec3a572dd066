namespace HydroWorkshop.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>How a loss reduces over elements: none (per element), mean, or sum (libtorch's numbering).</summary>
        public enum Reduction
        {
            None = 0,
            Mean = 1,
            Sum = 2,
        }

        /// <summary>torch.nn.functional: the layers and losses as functions of tensors.</summary>
        public static partial class functional
        {
            private static Operator Op(string name, string overload = "") => new("aten::" + name, overload);

            private static readonly Operator LinearOp = Op("linear"), DropoutOp = Op("dropout"), FeatureDropoutOp = Op("feature_dropout");
            private static readonly Operator LayerNormOp = Op("layer_norm"), GroupNormOp = Op("group_norm"), BatchNormOp = Op("batch_norm");
            private static readonly Operator Conv2dOp = Op("conv2d"), Conv2dPaddingOp = Op("conv2d", "padding"), ConvTranspose2dOp = Op("conv_transpose2d", "input");
            private static readonly Operator MaxPool2dOp = Op("max_pool2d"), AvgPool2dOp = Op("avg_pool2d");
            private static readonly Operator UpsampleNearestOp = Op("upsample_nearest2d", "vec"), UpsampleBilinearOp = Op("upsample_bilinear2d", "vec");
            private static readonly Operator EmbeddingOp = Op("embedding");

            /// <summary>y = x Wᵀ + b; x [*, in], weight [out, in], bias [out] -> [*, out].</summary>
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) => LinearOp.Call(input, weight, bias);

            /// <summary>Zeroes elements with probability p in training, scaling the rest by 1/(1-p).</summary>
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true) => DropoutOp.Call(input, p, training);

            /// <summary>Zeroes whole channels of [batch, channel, y, x] with probability p in training.</summary>
            public static Tensor dropout2d(Tensor input, double p = 0.5, bool training = true) => FeatureDropoutOp.Call(input, p, training);

            /// <summary>Normalises over the trailing <paramref name="normalized_shape"/> dimensions.</summary>
            public static Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5) =>
                LayerNormOp.Call(input, normalized_shape, weight, bias, eps, true);

            /// <summary>Normalises [batch, channel, ...] over groups of channels.</summary>
            public static Tensor group_norm(Tensor input, long num_groups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5) =>
                GroupNormOp.Call(input, num_groups, weight, bias, eps, true);

            /// <summary>Batch normalisation over [batch, channel, ...]; in training it updates the running statistics in place.</summary>
            public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null, Tensor? bias = null,
                bool training = false, double momentum = 0.1, double eps = 1e-5) =>
                BatchNormOp.Call(input, weight, bias, running_mean, running_var, training, momentum, eps, true);

            /// <summary>2-D convolution of [batch, in, y, x] with weight [out, in/groups, kh, kw].</summary>
            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null,
                long[]? dilation = null, long groups = 1) =>
                Conv2dOp.Call(input, weight, bias, stride ?? [1, 1], padding ?? [0, 0], dilation ?? [1, 1], groups);

            /// <summary>2-D convolution with padding "same" (output keeps the grid size) or "valid" (none).</summary>
            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias, long[] stride, string padding, long[] dilation, long groups) =>
                Conv2dPaddingOp.Call(input, weight, bias, stride, padding, dilation, groups);

            /// <summary>Transposed 2-D convolution (learned upsampling), weight [in, out/groups, kh, kw].</summary>
            public static Tensor conv_transpose2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null,
                long[]? output_padding = null, long groups = 1, long[]? dilation = null) =>
                ConvTranspose2dOp.Call(input, weight, bias, stride ?? [1, 1], padding ?? [0, 0], output_padding ?? [0, 0], groups, dilation ?? [1, 1]);

            public static Tensor max_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null, long[]? dilation = null, bool ceil_mode = false) =>
                MaxPool2dOp.Call(input, kernel_size, stride ?? kernel_size, padding ?? [0, 0], dilation ?? [1, 1], ceil_mode);

            public static Tensor avg_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null, bool ceil_mode = false, bool count_include_pad = true) =>
                AvgPool2dOp.Call(input, kernel_size, stride ?? kernel_size, padding ?? [0, 0], ceil_mode, count_include_pad, Arg.None);

            /// <summary>Resizes [batch, channel, y, x] to <paramref name="size"/> or by <paramref name="scale_factor"/>;
            /// mode "nearest" or "bilinear".</summary>
            public static Tensor interpolate(Tensor input, long[]? size = null, double[]? scale_factor = null, string mode = "nearest", bool align_corners = false) => mode switch
            {
                "nearest" => UpsampleNearestOp.Call(input, size, scale_factor),
                "bilinear" => UpsampleBilinearOp.Call(input, size, align_corners, scale_factor),
                _ => throw new ArgumentException($"interpolate: mode '{mode}' is not one of nearest, bilinear", nameof(mode)),
            };

            /// <summary>Rows of <paramref name="weight"/> [num, dim] at int64 <paramref name="indices"/> -> [*, dim].</summary>
            public static Tensor embedding(Tensor indices, Tensor weight, long padding_idx = -1) =>
                EmbeddingOp.Call(weight, indices, padding_idx, false, false);

            public static Tensor relu(Tensor x) => x.relu();
            public static Tensor leaky_relu(Tensor x, double negative_slope = 0.01) => x.leaky_relu(negative_slope);
            public static Tensor gelu(Tensor x, string approximate = "none") => x.gelu(approximate);
            public static Tensor silu(Tensor x) => x.silu();
            public static Tensor softplus(Tensor x, double beta = 1, double threshold = 20) => x.softplus(beta, threshold);
            public static Tensor sigmoid(Tensor x) => x.sigmoid();
            public static Tensor tanh(Tensor x) => x.tanh();
            public static Tensor softmax(Tensor x, long dim) => x.softmax(dim);
            public static Tensor log_softmax(Tensor x, long dim) => x.log_softmax(dim);
        }
    }
}
