using System.Diagnostics;
using HydroWorkshop.Common;
using HydroWorkshop.Engine;
using HydroWorkshop.FloodData;
using HydroWorkshop.Models.Maps;
using HydroWorkshop.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates;

/// <summary>The outcome of <see cref="MapTrainer.Fit"/>: every epoch's record and the epoch whose weights the model holds.</summary>
public sealed record MapTrainingResult(IReadOnlyList<MapEpochRecord> History, int BestEpoch, double? BestMetric, string? RunFolder,
    bool Cancelled, double Seconds);

/// <summary>
/// Trains an <see cref="IMapModel"/> with the project's <see cref="TrainingConfig"/> (epochs, batch size, Adam/AdamW,
/// learning rate or epoch-to-rate schedule, weight decay, gradient clipping, patience, minimum epochs, seed):
/// scaled-depth MSE over open cells plus a wet/dry cross-entropy (<see cref="MapTrainingOptions.WetDryWeight"/>; the
/// basin losses of <see cref="TrainingConfig.Loss"/> do not apply to maps) on whole events or random windows, scheduled
/// teacher forcing, validation by
/// rolling out whole validation events and scoring them with <see cref="MapMetrics"/>, early stopping on a map metric
/// (wet-cell RMSE or CSI) that restores the best weights, cooperative cancellation, and a run folder
/// (<c>config.json</c>, <c>scales.json</c>, <c>best_model.safetensors</c>, <c>training_log.csv</c>,
/// <c>last_checkpoint.safetensors</c>) from which a stopped run resumes and reproduces the uninterrupted one bit for bit
/// on a CPU (every epoch's random draws derive from the seed and the epoch).
/// <code>
/// var trainer = new MapTrainer(model, new TrainingConfig { Epochs = 40, BatchSize = 4, LearningRate = 2e-3 }, new MapTrainingOptions(),
/// "out/runs/flume"); trainer.Fit(train, validation);              // Epoch 12/40: Train Loss: 0.0012 Val Loss: 0.0020 Wet RMSE: 0.0041 m
/// CSI: 0.95 trainer.Evaluate(test, "out/runs/flume/evaluation/test");
/// </code>
/// </summary>
public sealed partial class MapTrainer
{
    private readonly nn.Module model;
    private readonly IMapModel mapModel;
    private readonly Action<string> log;

    public MapTrainer(nn.Module model, TrainingConfig config, MapTrainingOptions? options = null, string? runFolder = null,
        Action<string>? log = null)
    {
        this.model = model;
        mapModel = model as IMapModel ?? throw new ArgumentException($"{model.GetType().Name} is not an IMapModel (Rollout(batch, warmup))",
            nameof(model));
        config.Validate();
        (options ??= new MapTrainingOptions()).Validate();
        // The refiner's frame t reads coarse frame t + 1, which a window's last frame does not have (it would read itself).
        if (model is CoarseRefiner && (options.WindowFrames > 0 || options.Curriculum is not null))
            throw new ArgumentException(
                "CoarseRefiner trains on whole events: set WindowFrames = 0 and no Curriculum (each frame reads the coarse frame " +
                "after it, which a window's last frame does not have)", nameof(options));
        Config = config;
        Options = options;
        RunFolder = runFolder;
        this.log = log ?? Console.WriteLine;
    }

    public TrainingConfig Config { get; }
    public MapTrainingOptions Options { get; }
    public string? RunFolder { get; }
    /// <summary>The scales of the last <see cref="Fit"/> (fitted on its training events), or set before evaluating a loaded
    /// model.</summary>
    public MapScales? Scales
    {
        get => scales;
        set
        {
            scales = value;
            if (value is not null && model is IUsesMapScales user) user.UseScales(value);
        }
    }

    private MapScales? scales;

    /// <summary>Trains on <paramref name="train"/>, validating on <paramref name="validation"/> every
    /// <see cref="TrainingConfig.ValidateEvery"/> epochs; the model ends with the best validation weights. With
    /// <paramref name="resume"/> and a run folder holding a last checkpoint, training goes on after its epoch (the
    /// time limit counts from the resumption).</summary>
    public MapTrainingResult Fit(MapSequences train, MapSequences? validation = null, CancellationToken? cancellationToken = null,
        bool resume = false)
    {
        if (resume && RunFolder is null) throw new InvalidOperationException("resume needs a run folder");
        // On a GPU (device: cuda) the model trains and validates there and comes back to the CPU at the end, where
        // Predict and Evaluate run.
        return DeviceTraining.Run(model, Config.TrainingDevice(), d => device = d,
            () => FitOnDevice(train, validation, cancellationToken, resume));
    }

    private Device device = CPU;

    /// <summary>A batch on the training device (the batch itself on the CPU; a copy in the current dispose scope elsewhere).</summary>
    private MapBatch OnDevice(MapBatch batch) => device.type == DeviceType.CPU ? batch : batch.To(device);

    private MapTrainingResult FitOnDevice(MapSequences train, MapSequences? validation, CancellationToken? cancellationToken, bool resume)
    {
        var token = cancellationToken ?? WorkshopCancellation.Token;
        CheckInputs(train);
        if (validation is not null) CheckInputs(validation);
        var clock = Stopwatch.StartNew();
        Scales = train.FitScales();
        using var optimizer = TrainingOptimizer.Make(Config, model.parameters().ToArray());
        var schedule = Config.LearningRates is { } rates ? new EpochRateLR(optimizer, rates) : null;
        var history = new List<MapEpochRecord>();
        using var stopping = new EarlyStopping(model, Config.Patience, Config.MinEpochs, validation is not null,
            RunFolder is null ? null : BestModelPath);
        var (start, cancelled) = (1, false);
        if (resume && File.Exists(LastCheckpointPath)) start = Resume(train, optimizer, schedule, stopping, history);
        else if (RunFolder is not null) WriteRunFiles(train);

        var progress = new TrainingProgress(Config.Epochs);
        for (var epoch = start; epoch <= Config.Epochs; epoch++)
        {
            if (token.IsCancellationRequested) { cancelled = true; break; }
            var watch = Stopwatch.StartNew();
            var teacher = Options.TeacherForcing.At(epoch);
            var learningRate = optimizer.ParamGroups.First().LearningRate;     // this epoch's: the schedule steps after it
            double trainLoss;
            try
            {
                trainLoss = TrainEpoch(train, optimizer, epoch, teacher, progress, token);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                log($"Epoch {epoch}/{Config.Epochs}: interrupted; the model keeps its best weights so far");
                break;
            }
            schedule?.step();
            MapValidation? check = null;
            if (validation is not null && (epoch % Config.ValidateEvery == 0 || epoch == Config.Epochs)) check = Validate(validation);
            var record = new MapEpochRecord(epoch, Config.Epochs, trainLoss, check?.Loss, check?.WetRmse, check?.Csi, teacher,
                learningRate, watch.Elapsed.TotalSeconds);
            history.Add(record);
            log(record.ToString());

            var metric = check is null ? (double?)null : Options.StopMetric switch
            {
                MapStopMetric.WetRmse => check.WetRmse,
                MapStopMetric.Csi => -check.Csi,                  // stored negated: lower is better for every metric
                _ => check.Loss,
            };
            stopping.Record(epoch, metric);
            if (RunFolder is not null) SaveProgress(optimizer, schedule, stopping, history, epoch);
            if (stopping.ShouldStop(epoch))
            {
                log(
                    $"Early stop after epoch {epoch}: no improvement of {Options.StopMetric} for {Config.Patience} validations; best epoch {stopping.BestEpoch}");
                break;
            }
            if (Options.TimeLimit is { } limit && clock.Elapsed >= limit && epoch < Config.Epochs)
            {
                log($"Time limit of {limit.TotalSeconds:F0} s reached after epoch {epoch}; best epoch {stopping.BestEpoch}");
                break;
            }
        }
        progress.Finish();
        stopping.RestoreBest(cancelled ? null : history.LastOrDefault()?.Epoch);   // interrupted mid-epoch: the weights moved since
        var best = Options.StopMetric == MapStopMetric.Csi && stopping.BestScore is { } b ? -b : stopping.BestScore;
        return new MapTrainingResult(history, stopping.BestEpoch, best, RunFolder, cancelled, clock.Elapsed.TotalSeconds);
    }

    private double TrainEpoch(MapSequences train, OptimizerHelper optimizer, int epoch, double teacher, TrainingProgress progress,
        CancellationToken token)
    {
        // Seeds derived from the epoch: the same config gives the same run.
        manual_seed((long)(Config.Seed + (ulong)epoch));
        var random = new Random(unchecked((int)(Config.Seed * 1_000_003UL + (ulong)epoch)));
        model.train();
        var longest = Options.WindowFrames == 0 ? train.Frames : Math.Min(Options.WindowFrames, train.Frames);
        var length = Options.Curriculum is { } curriculum ? curriculum.WindowFrames(epoch, Options.WarmupFrames, longest) : longest;
        var windows = new List<(int Event, int Start)>();
        for (var e = 0; e < train.Count; e++)
            for (var w = 0; w < (Options.WindowFrames == 0 && length == train.Frames ? 1 : Options.WindowsPerEvent); w++)
                windows.Add((e, random.Next(0, train.Frames - length + 1)));
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(windows));
        var batches = (windows.Count + Config.BatchSize - 1) / Config.BatchSize;
        double sum = 0;
        for (var k = 0; k < batches; k++)
        {
            token.ThrowIfCancellationRequested();
            var chunk = windows.Skip(k * Config.BatchSize).Take(Config.BatchSize).ToArray();
            using var scope = NewDisposeScope();
            using var drawn = train.Batch(chunk.Select(c => c.Event).ToArray(), chunk.Select(c => c.Start).ToArray(), length, Scales!);
            using var mirrored = Options.MirrorRows && random.Next(2) == 1 ? drawn.MirroredRows() : null;
            var batch = OnDevice(mirrored ?? drawn);
            var loss = Loss(mapModel.Rollout(batch, Options.WarmupFrames, teacher, random), batch);   // the scope frees the roll-out
            optimizer.zero_grad();
            loss.backward();
            if (Config.ClipGradNorm is { } maxNorm) nn.utils.clip_grad_norm_(model.parameters(), maxNorm);
            optimizer.step();
            var value = loss.ToDouble();
            if (!double.IsFinite(value))
                throw new InvalidOperationException(
                    $"epoch {epoch}, batch {k + 1}: the loss is {value}; lower the learning rate or check the inputs for NaN");
            sum += value;
            progress.Report(epoch, k + 1, batches, sum / (k + 1));
        }
        return sum / Math.Max(1, batches);
    }

    /// <summary>Scaled-depth MSE over open (non-solid) cells of the predicted frames (wet cells weighted by
    /// <see cref="MapTrainingOptions.WetCellWeight"/>), plus <see cref="MapTrainingOptions.WetDryWeight"/> x the binary
    /// cross-entropy of the wet/dry logits against the observed wet cells (depth above
    /// <see cref="MapTrainingOptions.WetThreshold"/>; wet class weighted by <see cref="MapTrainingOptions.WetPositiveWeight"/>).
    /// Needs <see cref="Scales"/>. A scalar tensor.</summary>
    public Tensor Loss(MapRollout rollout, MapBatch batch)
    {
        var predicted = rollout.Depth;                                                               // [b, n, y, x]
        var observed = batch.Depth.narrow(1, Options.WarmupFrames, predicted.size(1));
        var open = batch.Open;                                                                       // [b, 1, y, x]
        var cells = (open.sum() * predicted.size(1)).clamp_min(1);
        var scales = Scales ?? throw new InvalidOperationException("no scales: call Fit, Load or set Scales first");
        var wet = (observed > Options.WetThreshold / scales.Depth).to(ScalarType.Float32);
        var squared = (predicted - observed).square() * open;
        var mse = (Options.WetCellWeight == 1 ? squared : squared * (wet * (Options.WetCellWeight - 1) + 1)).sum() / cells;
        if (Options.WetDryWeight == 0) return mse;
        var logit = rollout.WetLogit;
        // Numerically stable BCE with logits: max(z, 0) - z y + log(1 + exp(-|z|)); with a positive-class weight p,
        // (1 - y) z + (1 + (p - 1) y) (log(1 + exp(-|z|)) + max(-z, 0)), as PyTorch's pos_weight.
        var bce = Options.WetPositiveWeight == 1
            ? logit.relu() - logit * wet + (-logit.abs()).exp().log1p()
            : (1 - wet) * logit + (wet * (Options.WetPositiveWeight - 1) + 1) * ((-logit.abs()).exp().log1p() + (-logit).relu());
        return mse + Options.WetDryWeight * (bce * open).sum() / cells;
    }

    private sealed record MapValidation(double Loss, double WetRmse, double Csi);

    private MapValidation Validate(MapSequences validation)
    {
        var (loss, scores) = RollOutAll(validation, keepMaps: false);
        return new MapValidation(loss, scores.Select(s => s.Scores.WetRmse).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average(),
            scores.Select(s => s.Scores.Csi).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average());
    }

    private void CheckInputs(MapSequences data)
    {
        var want = mapModel.Inputs;
        var have = data.Inputs;
        if (want != have)
            throw new ArgumentException(
                $"{model.GetType().Name} was built for {want} but the data gives {have} (statics, forcings, extra, grid)");
        if (data.Frames <= Options.WarmupFrames)
            throw new ArgumentException($"events have {data.Frames} frames; the warm-up alone needs {Options.WarmupFrames}");
    }
}
