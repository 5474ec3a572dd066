using HydroWorkshop.Common;
using YamlDotNet.RepresentationModel;
using static HydroWorkshop.Common.StrictYaml;

namespace HydroWorkshop.Training;

/// <summary>
/// The <c>training:</c> keys every config reader accepts (run configs, map-run configs, gridded-run configs): one table,
/// so that a key means the same in every config and a new one reaches all readers. A reader adds its own keys (the
/// run config's <c>loss</c>, <c>target_weights</c>) beside them.
/// </summary>
internal static class TrainingConfigKeys
{
    public delegate TrainingConfig Setter(TrainingConfig training, YamlNode value, YamlContext context);

    public static readonly IReadOnlyDictionary<string, Setter> Shared = new Dictionary<string, Setter>
    {
        ["epochs"] = (t, v, x) => t with { Epochs = Int(v, x) },
        ["batch_size"] = (t, v, x) => t with { BatchSize = Int(v, x) },
        ["optimizer"] = (t, v, x) => t with { Optimizer = OneOf(v, x, "adam", "adamw") },
        ["learning_rate"] = RunConfigReader.LearningRate,
        ["weight_decay"] = (t, v, x) => t with { WeightDecay = Number(v, x) },
        ["clip_grad_norm"] = (t, v, x) => t with { ClipGradNorm = IsNull(v) ? null : Number(v, x) },
        ["validate_every"] = (t, v, x) => t with { ValidateEvery = Int(v, x) },
        ["patience"] = (t, v, x) => t with { Patience = IsNull(v) ? null : Int(v, x) },
        ["min_epochs"] = (t, v, x) => t with { MinEpochs = Int(v, x) },
        ["seed"] = (t, v, x) => t with { Seed = (ulong)Int(v, x) },
        ["device"] = (t, v, x) => t with { Device = DeviceName(v, x) },
    };
}
