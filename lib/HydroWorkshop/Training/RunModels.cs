using HydroWorkshop.Data;
using HydroWorkshop.Models;
using static TorchSharp.torch;

namespace HydroWorkshop.Training;

/// <summary>A model type a run config's <c>model: type:</c> may name: how it is built for a data set, and one line
/// saying what it is (for <c>hw config keys</c>).</summary>
public sealed record RunModelType(Func<ModelConfig, BasinDataSet, nn.Module> Build, string Doc);

/// <summary>
/// The model types of sequence runs, by the name <c>model: type:</c> gives: the reader accepts these names, the help
/// lists them with their doc, and <see cref="Runs.BuildModel"/> builds from here, so a new model is one entry.
/// </summary>
public static class RunModels
{
    public static IReadOnlyDictionary<string, RunModelType> Types { get; } = new Dictionary<string, RunModelType>
    {
        ["lstm"] = new((m, data) => new LstmRegressor(data.InputFeatures, 0, m.HiddenSize, m.NumLayers, m.Dropout, data.TargetNames.Count,
            m.InitialForgetBias, m.Attention, Gaussian(m)), "an LSTM on forcings with the statics repeated every day"),
        ["ealstm"] = new((m, data) => new EaLstm(data.InputNames.Count, data.StaticNames.Count, m.HiddenSize, m.Dropout,
            data.TargetNames.Count,
            m.InitialForgetBias, Gaussian(m)), "the entity-aware LSTM: statics set the input gate"),
        ["transformer"] = new((m, data) => new TransformerRegressor(data.InputFeatures, 0, data.SequenceLength, m.DModel,
            m.Heads, m.NumLayers,
            m.FeedForward, m.Dropout, data.TargetNames.Count, m.LearnedPositions,
            pooling: m.Pooling switch { "mean" => SequencePooling.Mean, "attention" => SequencePooling.Attention,
                _ => SequencePooling.Last },
            gaussian: Gaussian(m)), "a transformer encoder over the sequence"),
    };

    private static bool Gaussian(ModelConfig model) => model.Head == "gaussian";
}
