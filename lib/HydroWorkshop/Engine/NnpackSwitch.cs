namespace HydroWorkshop.Engine;

/// <summary>
/// Turns libtorch's NNPACK convolutions off while oneDNN is on, where they are never used and only make noise: libtorch
/// asks whether NNPACK is available before it looks at the batch, and on a processor NNPACK does not support (the AMD
/// EPYC VMs among them) every such question prints "Could not initialize NNPACK! Reason: Unsupported hardware." to
/// stderr: each small inference convolution, hundreds of thousands of lines in one run of the notebooks. NNPACK would
/// only take a batch of 16 or more, which oneDNN takes first whenever it is on (libtorch's ConvParams::use_mkldnn and
/// use_nnpack), so switching it off changes no result and no speed. With oneDNN off (<c>HW_ONEDNN=0</c>) NNPACK stays as
/// libtorch sets it; <c>HW_NNPACK=1</c> leaves it on. Linux only (<see cref="LibTorchContext"/>). Run once when
/// HydroWorkshop.dll loads, after <see cref="OneDnnGuard"/> (<see cref="EngineStartup"/>).
/// </summary>
public static class NnpackSwitch
{
    /// <summary>The kit's switch: <c>1</c> leaves NNPACK on.</summary>
    public const string Variable = "HW_NNPACK";

    /// <summary>What the switch did when the library loaded: null when nothing, otherwise what and why.</summary>
    public static string? Applied { get; private set; }

    /// <summary>Whether libtorch may use NNPACK (<c>at::globalContext().userEnabledNNPACK()</c>); null where it cannot be
    /// asked (not Linux).</summary>
    public static bool? Enabled() => LibTorchContext.Enabled(LibTorchContext.Nnpack);

    /// <summary>Turns NNPACK on or off in libtorch; false where it cannot (not Linux).</summary>
    public static bool SetEnabled(bool enabled) => LibTorchContext.SetEnabled(LibTorchContext.Nnpack, enabled);

    /// <summary>Whether to switch NNPACK off: unless <paramref name="choice"/> (<see cref="Variable"/>) is <c>1</c> or
    /// oneDNN is off (<paramref name="oneDnnChoice"/>, <see cref="OneDnnGuard.Variable"/>, is <c>0</c>).</summary>
    public static bool ShouldSwitchOff(string? choice, string? oneDnnChoice) => choice != "1" && oneDnnChoice != "0";

    internal static void Register()
    {
        if (!OperatingSystem.IsLinux()) return;
        if (!ShouldSwitchOff(Environment.GetEnvironmentVariable(Variable), Environment.GetEnvironmentVariable(OneDnnGuard.Variable)))
            return;
        if (SetEnabled(false)) Applied = $"off (unused while oneDNN is on; {Variable}=1 leaves it on)";
    }
}
