using HydroWorkshop.Common;
using static HydroWorkshop.Common.StrictYaml;
using static HydroWorkshop.Common.YamlNodes;

namespace HydroWorkshop.Training;

/// <summary>
/// The <c>training:</c> keys every config reader accepts (run configs, map-run configs, gridded-run configs): one table,
/// so that a key means the same in every config and a new one reaches all readers. A reader adds its own keys (the
/// run config's <c>loss</c>, <c>target_weights</c>) beside them.
/// </summary>
internal static class TrainingConfigKeys
{
    public static readonly IReadOnlyDictionary<string, ConfigKey<TrainingConfig>> Shared = new Dictionary<string, ConfigKey<TrainingConfig>>
    {
        ["epochs"] = new((t, v, x) => t with { Epochs = Int(v, x) }, t => Of(t.Epochs),
            "training epochs (at most; patience may stop earlier)"),
        ["batch_size"] = new((t, v, x) => t with { BatchSize = Int(v, x) }, t => Of(t.BatchSize), "samples per optimiser step"),
        ["optimizer"] = new((t, v, x) => t with { Optimizer = OneOf(v, x, "adam", "adamw") }, t => Of(t.Optimizer),
            "adam or adamw (decoupled weight decay)"),
        ["learning_rate"] = new(RunConfigReader.LearningRate, LearningRateNode,
            "a rate, or {epoch: rate} from that epoch on, epochs counted from 1, e.g. {1: 0.001, 20: 0.0005}"),
        ["weight_decay"] = new((t, v, x) => t with { WeightDecay = Number(v, x) }, t => Of(t.WeightDecay),
            "L2 penalty (adam) or decoupled weight decay (adamw)"),
        ["clip_grad_norm"] = new((t, v, x) => t with { ClipGradNorm = IsNull(v) ? null : Number(v, x) }, t => OfOptional(t.ClipGradNorm),
            "clip the gradient norm to this; null for none"),
        ["validate_every"] = new((t, v, x) => t with { ValidateEvery = Int(v, x) }, t => Of(t.ValidateEvery), "validate every N epochs"),
        ["patience"] = new((t, v, x) => t with { Patience = IsNull(v) ? null : Int(v, x) }, t => OfOptional(t.Patience),
            "stop after this many validations without improvement; null never stops early"),
        ["min_epochs"] = new((t, v, x) => t with { MinEpochs = Int(v, x) }, t => Of(t.MinEpochs), "no early stop before this epoch"),
        ["seed"] = new((t, v, x) => t with { Seed = (ulong)Int(v, x) }, t => Of(t.Seed),
            "seeds weights, shuffling and dropout (same seed, same run on a CPU)"),
        ["device"] = new((t, v, x) => t with { Device = DeviceName(v, x) }, t => Of(t.Device), "cpu, cuda or cuda:N"),
    };

    /// <summary>The shared keys as keys of a config that holds a <see cref="TrainingConfig"/>.</summary>
    public static Dictionary<string, ConfigKey<TConfig>> Within<TConfig>(Func<TConfig, TrainingConfig> get,
        Func<TConfig, TrainingConfig, TConfig> set) =>
        Shared.ToDictionary(k => k.Key, k => k.Value.Within(get, set));

    private static YamlDotNet.RepresentationModel.YamlNode LearningRateNode(TrainingConfig training) =>
        training.LearningRates is { } rates
            ? Map(rates.Select(r => (r.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), Of(r.Value))))
            : Of(training.LearningRate);
}
