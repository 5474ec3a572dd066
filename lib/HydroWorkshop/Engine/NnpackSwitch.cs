namespace HydroWorkshop.Engine;

/// <summary>
/// Turns libtorch's NNPACK convolutions off while oneDNN is on, where they are never used and only make noise: libtorch
/// asks whether NNPACK is available before it looks at the batch, and on a processor NNPACK does not support (the AMD
/// EPYC VMs among them) every such question prints "Could not initialize NNPACK! Reason: Unsupported hardware." to
/// stderr: each small inference convolution, hundreds of thousands of lines in one run of the notebooks. NNPACK would
/// only take a batch of 16 or more, which oneDNN takes first whenever it is on (libtorch's ConvParams::use_mkldnn and
/// use_nnpack), so switching it off changes no result and no speed. With oneDNN off (<c>HW_ONEDNN=0</c>) NNPACK stays as
/// libtorch sets it; <c>HW_NNPACK=1</c> leaves it on. Linux only (<see cref="LibTorchContext"/>).
/// <para>
/// Applied once libtorch has loaded (<see cref="EngineInfo.EnsureLoaded"/>, which <c>hw</c> and the kit's kernel call
/// before their first use of the engine), not when HydroWorkshop.dll loads: that would load libtorch in every process
/// that touches the library, <c>hw config</c> included. Turning oneDNN off later (<see cref="OneDnnGuard.SetEnabled"/>)
/// does not turn NNPACK back on: call <see cref="SetEnabled"/> too.
/// </para>
/// </summary>
public static class NnpackSwitch
{
    /// <summary>The kit's switch: <c>1</c> leaves NNPACK on.</summary>
    public const string Variable = "HW_NNPACK";

    private static readonly Lock Gate = new();
    private static bool applied;

    /// <summary>What the switch did and why, once applied: null when it left NNPACK alone and had nothing to report.</summary>
    public static string? Applied { get; private set; }

    /// <summary>Whether libtorch may use NNPACK (<c>at::globalContext().userEnabledNNPACK()</c>); null where it cannot be
    /// asked (not Linux).</summary>
    public static bool? Enabled() => LibTorchContext.Enabled(LibTorchContext.Nnpack);

    /// <summary>Turns NNPACK on or off in libtorch; false where it cannot (not Linux).</summary>
    public static bool SetEnabled(bool enabled) => LibTorchContext.SetEnabled(LibTorchContext.Nnpack, enabled);

    /// <summary>Whether to switch NNPACK off: while oneDNN is on (<paramref name="oneDnnEnabled"/>, as libtorch reports
    /// it), unless <paramref name="choice"/> (<see cref="Variable"/>) is <c>1</c>.</summary>
    public static bool ShouldSwitchOff(string? choice, bool? oneDnnEnabled) => choice != "1" && oneDnnEnabled == true;

    /// <summary>Applies the switch once per process; later calls do nothing. Needs libtorch loaded.</summary>
    internal static void Apply()
    {
        lock (Gate)
        {
            if (applied) return;
            applied = true;
            var choice = Environment.GetEnvironmentVariable(Variable);
            if (!string.IsNullOrEmpty(choice) && choice != "1")
            {
                Applied = $"{Variable}={choice} ignored: 1 leaves NNPACK on";
                choice = null;
            }
            if (!ShouldSwitchOff(choice, OneDnnGuard.Enabled())) return;                       // null off Linux: left alone
            if (SetEnabled(false))
                Applied = (Applied is null ? "" : Applied + "; ") + $"switched off: unused while oneDNN is on; {Variable}=1 leaves it on";
        }
    }
}
