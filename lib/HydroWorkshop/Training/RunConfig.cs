using HydroWorkshop.Data;

namespace HydroWorkshop.Training;

/// <summary>Which data a run reads and how it samples it (the <c>data:</c> section of a run config).</summary>
public sealed record DataConfig
{
    /// <summary>"default" (real CAMELS-US when found, else synthetic basins), "synthetic", or a CAMELS-US folder path.</summary>
    public string Source { get; init; } = "default";
    /// <summary>Further CAMELS attribute folders whose rows fill in basins the source's own attributes lack.</summary>
    public IReadOnlyList<string> ExtraAttributes { get; init; } = [];
    public IReadOnlyList<string> Inputs { get; init; } = CamelsData.DaymetInputs;
    public IReadOnlyList<string> Statics { get; init; } = CamelsData.StandardAttributes;
    /// <summary>Target variables; null for the source's discharge.</summary>
    public IReadOnlyList<string>? Targets { get; init; }
    /// <summary>A file with one basin id per line; null for every basin of the source.</summary>
    public string? Basins { get; init; }
    /// <summary>Null periods default to the first 60 %, next 20 % and last 20 % of the record.</summary>
    public Period? TrainPeriod { get; init; }
    public Period? ValidationPeriod { get; init; }
    public Period? TestPeriod { get; init; }
    public int SequenceLength { get; init; } = 365;
    public int PredictLastN { get; init; } = 1;
}

/// <summary>The model of a run (the <c>model:</c> section).</summary>
public sealed record ModelConfig
{
    /// <summary>"lstm", "ealstm" or "transformer".</summary>
    public string Type { get; init; } = "lstm";
    public int HiddenSize { get; init; } = 64;
    public int NumLayers { get; init; } = 1;
    public double Dropout { get; init; }
    public double InitialForgetBias { get; init; } = 3.0;
    public bool Attention { get; init; }
    public int DModel { get; init; } = 64;
    public int Heads { get; init; } = 4;
    public int FeedForward { get; init; } = 256;
    /// <summary>"last", "mean" or "attention" (transformer).</summary>
    public string Pooling { get; init; } = "last";
    public bool LearnedPositions { get; init; }
}

/// <summary>One run: data, model, training and where the run folder goes. Read from YAML by
/// <see cref="RunConfigReader"/>, with strict keys.</summary>
public sealed record RunConfig
{
    public required string RunFolder { get; init; }
    /// <summary>The folder relative paths resolve against; null for the config file's own folder.</summary>
    public string? ConfigFolder { get; init; }
    public DataConfig Data { get; init; } = new();
    public ModelConfig Model { get; init; } = new();
    public TrainingConfig Training { get; init; } = new();

    /// <summary>The SYMFLUENCE LSTM guide's defaults: hidden 128, 3 layers, lookback 700, dropout 0.2,
    /// attention on, 300 epochs with patience 30, batch 64, learning rate 1e-3, L2 1e-6.</summary>
    public static RunConfig Symfluence(string runFolder) => new()
    {
        RunFolder = runFolder,
        Data = new DataConfig { SequenceLength = 700 },
        Model = new ModelConfig { HiddenSize = 128, NumLayers = 3, Dropout = 0.2, Attention = true },
        Training = TrainingConfig.Symfluence,
    };
}
