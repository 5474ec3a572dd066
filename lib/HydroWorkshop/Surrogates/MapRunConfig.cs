using HydroWorkshop.Models.Maps;
using HydroWorkshop.Training;

namespace HydroWorkshop.Surrogates;

/// <summary>Where a map run's events come from (the <c>data:</c> section of a map-run config).</summary>
public sealed record MapDataConfig
{
    /// <summary><c>flume</c> (a generated flume data set: its train/validation/test split) or <c>dike_breach</c>
    /// (the Bentivoglio et al. 2023 simulations, by id).</summary>
    public string Type { get; init; } = "flume";
    /// <summary>The data set's folder; <c>default</c>: <c>out/flume-dataset</c> for the flume, the shared data folder
    /// (<c>$HYDROWORKSHOP_DATA</c> or <c>../shared/data</c>) for the dike breach.</summary>
    public string Folder { get; init; } = "default";
    /// <summary>Flume: more flume data sets (same grid) whose every event joins the training events.</summary>
    public IReadOnlyList<string> ExtraTrainFolders { get; init; } = [];
    /// <summary>Flume: the <see cref="HydroWorkshop.Physics.FlumeStorageEstimate"/> level-pool mean depth as a second
    /// forcing, <c>storage_depth</c> (the physics-encoded variant).</summary>
    public bool StorageEstimate { get; init; }
    /// <summary>0 (none) or a coarsening factor F: each event simulated on a grid F times coarser as an extra map per frame,
    /// <c>coarse_depth</c> (the multi-fidelity variant): <see cref="HydroWorkshop.Physics.FlumeCoarseSimulation"/> for a
    /// flume, <see cref="BreachCoarseMaps"/> for a dike breach.</summary>
    public int CoarseSolver { get; init; }
    /// <summary>Dike breach: simulation ids of each set (flume: the data set's own split decides).</summary>
    public IReadOnlyList<int> TrainIds { get; init; } = [.. Enumerable.Range(1, 20)];
    public IReadOnlyList<int> ValidationIds { get; init; } = [.. Enumerable.Range(21, 4)];
    public IReadOnlyList<int> TestIds { get; init; } = [.. Enumerable.Range(500, 10)];
}

/// <summary>The map model of a run (the <c>model:</c> section).</summary>
public sealed record MapModelConfig
{
    /// <summary><c>cnnlstm</c> (<see cref="CnnLstm"/>), <c>convlstm_forecaster</c> (<see cref="ConvLstmForecaster"/>) or
    /// <c>flood_stepper</c> (<see cref="FloodStepper"/>, dike-breach data) or <c>coarse_refiner</c> (<see cref="CoarseRefiner"/>,
    /// with <c>data: coarse_solver</c>) or <c>one_pass</c> (<see cref="OnePassFlood"/>, dike-breach data).</summary>
    public string Type { get; init; } = "cnnlstm";
    /// <summary>Feature channels of the CNN encoders (both models).</summary>
    public int Features { get; init; } = 8;
    /// <summary>CNN–LSTM: the per-frame latent vector size.</summary>
    public int Latent { get; init; } = 64;
    /// <summary>CNN–LSTM: LSTM hidden size.</summary>
    public int HiddenSize { get; init; } = 64;
    /// <summary>ConvLSTM forecaster: ConvLSTM hidden channels, layers, kernel size and peepholes.</summary>
    public int HiddenChannels { get; init; } = 24;
    public int NumLayers { get; init; } = 1;
    public int KernelSize { get; init; } = 3;
    public bool Peephole { get; init; }
    /// <summary>Flood stepper and coarse refiner: channels at half resolution.</summary>
    public int Width { get; init; } = 16;
}

/// <summary>
/// A map-run config (<see cref="MapRunConfigReader"/> reads it from YAML): the data, the model, the
/// <see cref="TrainingConfig"/> (epochs, batch size, rate, ...) and the <see cref="MapTrainingOptions"/> (warm-up,
/// windows, teacher forcing, wet threshold, loss weights, augmentation, time limit).
/// </summary>
public sealed record MapRunConfig
{
    /// <summary>Where the run writes its files (absolute once read from a file).</summary>
    public required string RunFolder { get; init; }
    public MapDataConfig Data { get; init; } = new();
    public MapModelConfig Model { get; init; } = new();
    public TrainingConfig Training { get; init; } = new() { Epochs = 60, BatchSize = 1, LearningRate = 2e-3, Patience = 10 };
    public MapTrainingOptions Map { get; init; } = new();
}
