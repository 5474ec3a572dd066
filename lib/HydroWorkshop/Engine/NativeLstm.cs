using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Engine;

/// <summary>
/// Runs an <c>nn.LSTM</c> on libtorch's own LSTM instead of oneDNN's while oneDNN is held to SSE4.1 (the kit's guard on
/// AMD processors with AVX-512, <see cref="OneDnnGuard"/>, or the user's <c>ONEDNN_MAX_CPU_ISA=SSE41</c>). libtorch 2.x
/// sends every float32 LSTM on the CPU to oneDNN whenever oneDNN is on; held to SSE4.1, oneDNN's LSTM made a training
/// pass 3.6-4x slower than libtorch's own on the AMD EPYC VM (docs/articles/engine.md, "LSTM on AMD"). libtorch decides
/// at each call (<c>use_mkldnn</c> in its RNN.cpp reads <c>at::globalContext().userEnabledMkldnn()</c>) and the backward
/// pass follows the forward's choice, so <see cref="Forward"/> switches oneDNN off for the forward call only:
/// convolutions keep oneDNN. Only on sizes where libtorch's own was the faster (<see cref="PrefersNative"/>): on small
/// LSTMs oneDNN's was. The same equations either way (<c>NativeLstmTests</c> compares both paths).
/// <para>
/// The switch is libtorch's global one (Linux only, <see cref="LibTorchContext"/>): the first of overlapping calls turns
/// oneDNN off and the last turns it back on, and a convolution that another thread runs meanwhile goes without oneDNN
/// (slower, the same result). <c>HW_ONEDNN=1</c> leaves oneDNN alone, this switch included; elsewhere (not Linux, oneDNN
/// at its full instruction set, a small LSTM, or one on a GPU) <see cref="Forward"/> is <c>lstm.forward</c>.
/// </para>
/// </summary>
public static class NativeLstm
{
    // Decided once per process (Forward runs at every LSTM call): oneDNN reads its ISA once too.
    private static readonly Lazy<bool> Applies = new(() => OperatingSystem.IsLinux()
        && Environment.GetEnvironmentVariable(OneDnnGuard.Variable) != "1"
        && string.Equals(OneDnnGuard.ReadNative(OneDnnGuard.IsaVariable) ?? OneDnnGuard.ReadNative(OneDnnGuard.OldIsaVariable),
            OneDnnGuard.Isa, StringComparison.OrdinalIgnoreCase));

    private static readonly Lock Gate = new();
    private static int depth;
    private static bool restore;
    private static long switches;

    /// <summary>Whether <see cref="Forward"/> runs libtorch's own LSTM in this process: oneDNN held to SSE4.1, on Linux,
    /// unless <c>HW_ONEDNN=1</c>.</summary>
    public static bool Active => Forced ?? Applies.Value;

    /// <summary>Overrides <see cref="Active"/> (tests).</summary>
    internal static bool? Forced { get; set; }

    /// <summary>How many calls switched oneDNN off so far (tests).</summary>
    internal static long Switches => Interlocked.Read(ref switches);

    /// <summary><c>lstm.forward(input, state)</c>, on libtorch's own LSTM when <see cref="Active"/>, the input is on the CPU
    /// and the size is one where that was faster (<see cref="PrefersNative"/>): the output ([batch, time, hidden] for a
    /// batch-first LSTM) and the last hidden and cell states [layers, batch, hidden]. <paramref name="batchFirst"/> says
    /// how <paramref name="lstm"/> was built (it picks the batch size for that choice; the result does not depend on it).
    /// </summary>
    public static (Tensor Output, Tensor Hidden, Tensor Cell) Forward(LSTM lstm, Tensor input, (Tensor, Tensor)? state = null,
        bool batchFirst = true)
    {
        ArgumentNullException.ThrowIfNull(lstm);
        ArgumentNullException.ThrowIfNull(input);
        if (input.device_type != DeviceType.CPU || input.dim() != 3 || !Active) return lstm.forward(input, state);
        var hidden = lstm.get_parameter("weight_hh_l0")?.size(1) ?? 0;                         // weight_hh_l0: [4 hidden, hidden]
        if (!PrefersNative(input.size(batchFirst ? 0 : 1), hidden, is_grad_enabled())) return lstm.forward(input, state);
        using var scope = Use();
        return lstm.forward(input, state);
    }

    /// <summary>Whether libtorch's own LSTM beat oneDNN's (held to SSE4.1) for an LSTM of <paramref name="hidden"/> units on
    /// <paramref name="batch"/> sequences: from a batch x hidden of 8,192, and when predicting (no gradients) only from a
    /// hidden size of 64 as well. oneDNN's was faster on smaller ones (batch 256 x hidden 16, batch 64 x hidden 64 when
    /// training: 1.6-2x; docs/articles/engine.md, "LSTM on AMD").</summary>
    public static bool PrefersNative(long batch, long hidden, bool training) =>
        batch * hidden >= 8192 && (training || hidden >= 64);

    /// <summary>oneDNN off until the scope ends, when <see cref="Active"/> and oneDNN is on; otherwise nothing.</summary>
    internal static Scope Use()
    {
        if (!Active) return default;
        lock (Gate)
        {
            if (depth++ == 0 && OneDnnGuard.Enabled() == true && OneDnnGuard.SetEnabled(false))
            {
                restore = true;
                Interlocked.Increment(ref switches);
            }
        }
        return new Scope(counted: true);
    }

    /// <summary>Ends a <see cref="Use"/>: the last of overlapping ones turns oneDNN back on, if the first turned it off.</summary>
    internal readonly struct Scope : IDisposable
    {
        private readonly bool counted;

        internal Scope(bool counted) => this.counted = counted;

        public void Dispose()
        {
            if (!counted) return;
            lock (Gate)
            {
                if (--depth > 0 || !restore) return;
                restore = false;
                OneDnnGuard.SetEnabled(true);
            }
        }
    }
}
