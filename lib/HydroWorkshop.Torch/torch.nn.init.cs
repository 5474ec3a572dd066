namespace HydroWorkshop.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>torch.nn.init: fill a parameter in place (under no_grad) and return it.</summary>
        public static class init
        {
            /// <summary>Fan-in and fan-out of a weight [out, in, *kernel] (Linear: [out, in]).</summary>
            public static (long fanIn, long fanOut) fans(Tensor weight)
            {
                var shape = weight.shape;
                if (shape.Length < 2) throw new ArgumentException($"fan in/out need at least 2 dimensions, got [{string.Join(", ", shape)}]");
                long receptive = 1;
                for (var d = 2; d < shape.Length; d++) receptive *= shape[d];
                return (shape[1] * receptive, shape[0] * receptive);
            }

            public static Tensor uniform_(Tensor tensor, double from = 0, double to = 1)
            {
                using (no_grad()) return tensor.uniform_(from, to);
            }

            public static Tensor normal_(Tensor tensor, double mean = 0, double std = 1)
            {
                using (no_grad()) return tensor.normal_(mean, std);
            }

            public static Tensor constant_(Tensor tensor, double value)
            {
                using (no_grad()) return tensor.fill_(value);
            }

            public static Tensor zeros_(Tensor tensor) => constant_(tensor, 0);

            public static Tensor ones_(Tensor tensor) => constant_(tensor, 1);

            /// <summary>U(-a, a) with a = gain·√(6 / (fan_in + fan_out)) (Glorot &amp; Bengio 2010).</summary>
            public static Tensor xavier_uniform_(Tensor tensor, double gain = 1)
            {
                var (fanIn, fanOut) = fans(tensor);
                var bound = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
                return uniform_(tensor, -bound, bound);
            }

            /// <summary>N(0, std²) with std = gain·√(2 / (fan_in + fan_out)) (Glorot &amp; Bengio 2010).</summary>
            public static Tensor xavier_normal_(Tensor tensor, double gain = 1)
            {
                var (fanIn, fanOut) = fans(tensor);
                return normal_(tensor, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)));
            }

            /// <summary>U(-b, b) with b = gain·√(3 / fan_in), gain = √(2 / (1 + a²)) for leaky ReLU slope a
            /// (He et al. 2015). PyTorch's Linear and Conv2d use a = √5, i.e. b = 1/√fan_in.</summary>
            public static Tensor kaiming_uniform_(Tensor tensor, double a = 0, bool fanOut = false)
            {
                var (fanIn, fanOutCount) = fans(tensor);
                var gain = Math.Sqrt(2.0 / (1 + a * a));
                var bound = gain * Math.Sqrt(3.0 / (fanOut ? fanOutCount : fanIn));
                return uniform_(tensor, -bound, bound);
            }

            /// <summary>N(0, std²) with std = gain / √fan (He et al. 2015).</summary>
            public static Tensor kaiming_normal_(Tensor tensor, double a = 0, bool fanOut = false)
            {
                var (fanIn, fanOutCount) = fans(tensor);
                var gain = Math.Sqrt(2.0 / (1 + a * a));
                return normal_(tensor, 0, gain / Math.Sqrt(fanOut ? fanOutCount : fanIn));
            }

            /// <summary>A (semi-)orthogonal matrix from the QR decomposition of a normal sample (Saxe et al. 2014),
            /// common for recurrent weights.</summary>
            public static Tensor orthogonal_(Tensor tensor, double gain = 1)
            {
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                var rows = tensor.size(0);
                var columns = tensor.numel() / rows;
                var flat = randn([rows, columns], tensor.dtype);
                if (rows < columns) flat = flat.t();
                var qr = ops("aten::linalg_qr").CallMany(flat, "reduced");
                var (q, r) = (qr[0], qr[1]);
                // Make the decomposition unique (positive diagonal of r), as PyTorch does.
                var d = ops("aten::diagonal").Call(r, 0L, 0L, 1L).sign();
                q = q * d;
                if (rows < columns) q = q.t();
                tensor.copy_(q.reshape(tensor.shape) * gain);
                return tensor;
            }
        }
    }
}
