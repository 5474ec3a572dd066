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
    /// <summary>A file with one basin id per line (YAML <c>basins: train_basins.txt</c>); null for <see cref="BasinIds"/>
    /// or, without them, every basin of the source.</summary>
    public string? Basins { get; init; }
    /// <summary>Basin ids written in the config (YAML <c>basins: [01031500, 01013500]</c>); null for <see cref="Basins"/>.</summary>
    public IReadOnlyList<string>? BasinIds { get; init; }
    /// <summary>Null periods default to the first 60 %, next 20 % and last 20 % of the record.</summary>
    public Period? TrainPeriod { get; init; }
    public Period? ValidationPeriod { get; init; }
    public Period? TestPeriod { get; init; }
    public int SequenceLength { get; init; } = 365;
    public int PredictLastN { get; init; } = 1;

    /// <summary>The basins the run uses: the inline list, else the file's ids; null for every basin of the source.</summary>
    public IReadOnlyList<string>? BasinList() => BasinIds ?? (Basins is { } file ? BasinLists.Read(file) : null);
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
    /// <summary>"regression" (a value per target) or "gaussian" (mean and variance per target, for loss gaussian_nll).</summary>
    public string Head { get; init; } = "regression";
}

/// <summary>Fine-tuning (the <c>finetune:</c> section): start from a trained run's weights and normalisation, freeze
/// some parts, and train on new basins. The model and the inputs, statics, targets and sequence length come from
/// the pretrained run; data source, basins, periods, training and run folder from this config.</summary>
public sealed record FinetuneConfig
{
    /// <summary>The pretrained run folder (holds run_config.yml, normalisation.json, best_model.safetensors).</summary>
    public string? Pretrained { get; init; }
    /// <summary>Parameter-name prefixes to freeze, e.g. ["lstm"] or ["lstm.weight_ih_l0", "head"] (as named_parameters names
    /// them).</summary>
    public IReadOnlyList<string> Freeze { get; init; } = [];
}

/// <summary>Uncertainty from several models (the <c>ensemble:</c> section): N runs that differ only by seed, or
/// MC-dropout samples of one run, summarised by the mean and a quantile band.</summary>
public sealed record EnsembleConfig
{
    /// <summary>Runs trained with seeds seed, seed+1, ..., each into run_folder/seed-&lt;seed&gt;/; 1 trains a single run.</summary>
    public int Seeds { get; init; } = 1;
    /// <summary>MC-dropout samples at evaluation (dropout kept on, Gal &amp; Ghahramani 2016); 0 for none.</summary>
    public int McDropout { get; init; }
    /// <summary>The band's lower and upper quantiles (default the 5–95 % band).</summary>
    public double LowerQuantile { get; init; } = 0.05;
    public double UpperQuantile { get; init; } = 0.95;

    public void Validate()
    {
        if (Seeds < 1) throw new ArgumentException($"seeds must be at least 1, got {Seeds}");
        if (McDropout is < 0 or 1) throw new ArgumentException($"mc_dropout must be 0 (off) or at least 2 samples, got {McDropout}");
        if (!(LowerQuantile >= 0 && LowerQuantile < UpperQuantile && UpperQuantile <= 1))
            throw new ArgumentException($"quantiles must satisfy 0 <= lower < upper <= 1, got [{LowerQuantile}, {UpperQuantile}]");
    }
}

/// <summary>One run: data, model, training and where the run folder goes. Read from YAML once by
/// <see cref="RunConfigReader"/>, with strict keys; ensemble members, search trials and fine-tuning are variants of it
/// made with <c>with</c>, and the run folder keeps it as written by <see cref="RunConfigReader.Write"/>.</summary>
public sealed record RunConfig
{
    public required string RunFolder { get; init; }
    public DataConfig Data { get; init; } = new();
    public ModelConfig Model { get; init; } = new();
    public TrainingConfig Training { get; init; } = new();
    /// <summary>Null unless the config has a <c>finetune:</c> section.</summary>
    public FinetuneConfig? Finetune { get; init; }
    public EnsembleConfig Ensemble { get; init; } = new();
    /// <summary>Null unless the config has a <c>search:</c> section (read by <c>hw search</c>).</summary>
    public SearchConfig? Search { get; init; }

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
