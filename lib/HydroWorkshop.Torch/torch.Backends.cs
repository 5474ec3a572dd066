using HydroWorkshop.Torch.Native;

namespace HydroWorkshop.Torch;

public static partial class torch
{
    /// <summary>Backend switches, spelled as in PyTorch (<c>torch.backends.cudnn.allow_tf32</c>).</summary>
    public static class backends
    {
        /// <summary>cuDNN, which runs convolutions and the fused RNNs (LSTM, GRU) on CUDA.</summary>
        public static class cudnn
        {
            /// <summary>Whether float32 convolutions and RNNs may use TF32 tensor cores (10-bit mantissa,
            /// about 1e-3 relative error, several times faster). On by default, as in PyTorch; turn it off
            /// for parity checks against float32 CPU results. A flag only on a CPU-only libtorch.</summary>
            public static bool allow_tf32
            {
                get => Tf32(1);
                set => SetTf32(1, value);
            }
        }

        /// <summary>CUDA itself.</summary>
        public static class cuda
        {
            /// <summary>cuBLAS matrix products.</summary>
            public static class matmul
            {
                /// <summary>Whether float32 matrix products may use TF32 tensor cores. Off by default, as in
                /// PyTorch since 1.12.</summary>
                public static bool allow_tf32
                {
                    get => Tf32(0);
                    set => SetTf32(0, value);
                }
            }
        }

        private static bool Tf32(int backend) => Checked(NativeMethods.hw_runtime_tf32_get(backend), "backends allow_tf32") == 1;

        private static void SetTf32(int backend, bool allowed) =>
            Checked(NativeMethods.hw_runtime_tf32_set(backend, allowed ? 1 : 0), "backends allow_tf32");
    }
}
