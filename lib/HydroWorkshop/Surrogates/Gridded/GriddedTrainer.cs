using System.Diagnostics;
using HydroWorkshop.Common;
using HydroWorkshop.Data;
using HydroWorkshop.Data.Grids;
using HydroWorkshop.Engine;
using HydroWorkshop.Models.Gridded;
using HydroWorkshop.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates.Gridded;

/// <summary>The outcome of <see cref="GriddedTrainer.Fit"/>: every epoch, and the epoch whose weights the model holds.</summary>
public sealed record GriddedTrainingResult(IReadOnlyList<GriddedEpochRecord> History, int BestEpoch, double? BestValidationNse,
    bool Cancelled, double Seconds);

/// <summary>
/// Trains an <see cref="IGriddedRegressor"/> on a <see cref="GriddedDataSet"/>: random windows from the training
/// period (<see cref="GriddedTrainingOptions"/>), a NaN-masked squared error after each window's warm-up (NSE*-weighted
/// per target), Adam or AdamW with the config's rate or epoch→rate schedule, gradient clipping, validation by running
/// the whole record up to the end of the validation period and taking the median NSE over targets, and early stopping
/// that restores the best weights. With a run folder it writes <c>best_model.safetensors</c>,
/// <c>normalisation.json</c> and <c>training_log.csv</c> (atomically).
/// <code>
/// var trainer = new GriddedTrainer(model, new TrainingConfig { Epochs = 30, BatchSize = 8, Optimizer = "adamw", LearningRate = 3e-3,
/// Patience = 8 }); trainer.Fit(data, trainPeriod, validationPeriod);   // Epoch 7/30: train loss 0.2140, validation median NSE 0.612 (9.8
/// s)
/// </code>
/// </summary>
public sealed class GriddedTrainer
{
    private readonly nn.Module model;
    private readonly IGriddedRegressor regressor;
    private readonly Action<string> log;

    public GriddedTrainer(nn.Module model, TrainingConfig config, GriddedTrainingOptions? options = null, string? runFolder = null,
        Action<string>? log = null)
    {
        this.model = model;
        regressor = model as IGriddedRegressor ?? throw new ArgumentException(
            $"{model.GetType().Name} is not an IGriddedRegressor (forward(inputs))", nameof(model));
        config.Validate();
        (options ??= new GriddedTrainingOptions()).Validate();
        Config = config;
        Options = options;
        RunFolder = runFolder;
        this.log = log ?? Console.WriteLine;
    }

    public TrainingConfig Config { get; }
    public GriddedTrainingOptions Options { get; }
    public string? RunFolder { get; }

    /// <summary>Trains on windows ending in <paramref name="training"/>; validates on <paramref name="validation"/>
    /// (if given) every <c>ValidateEvery</c> epochs. Ctrl+C (or <paramref name="cancellationToken"/>) stops after the
    /// current batch with the best weights so far.</summary>
    public GriddedTrainingResult Fit(GriddedDataSet data, Period training, Period? validation = null,
        CancellationToken? cancellationToken = null)
    {
        if (data.Channels.size(1) != regressor.InputChannels)
            throw new ArgumentException(
                $"the data have {data.Channels.size(1)} channels ({string.Join(", ", data.ChannelNames)}), the model was built for {regressor.InputChannels}", nameof(data));
        var token = cancellationToken ?? WorkshopCancellation.Token;
        var clock = Stopwatch.StartNew();
        var ends = data.WindowEnds(training, Options.WindowDays);
        if (ends.Length == 0)
            throw new ArgumentException(
                $"no {Options.WindowDays}-day window ends in the training period {training} with an observed target", nameof(training));
        manual_seed((long)Config.Seed);
        using var weights = TargetWeights(data, training);
        using var optimizer = TrainingOptimizer.Make(Config, model.parameters().ToArray());
        var schedule = Config.LearningRates is { } rates ? new EpochRateLR(optimizer, rates) : null;
        if (RunFolder is not null)
        {
            Directory.CreateDirectory(RunFolder);
            data.Normalisation.Save(Path.Combine(RunFolder, "normalisation.json"));
        }

        using var average = Options.WeightAverage is { } decay ? new WeightAverage(model, decay) : null;
        var history = new List<GriddedEpochRecord>();
        // Scored by the negated NSE: lower is better for every trainer's early stopping.
        using var stopping = new EarlyStopping(model, Config.Patience, Config.MinEpochs, validation is not null,
            RunFolder is null ? null : Path.Combine(RunFolder, "best_model.safetensors"));
        var cancelled = false;
        for (var epoch = 1; epoch <= Config.Epochs; epoch++)
        {
            // The time limit ends training before an epoch from the second on: the first always runs, so a limit never
            // returns an untrained model.
            if (token.IsCancellationRequested
                || (epoch > 1 && clock.Elapsed > Options.TimeLimit)) { cancelled = token.IsCancellationRequested; break; }
            var watch = Stopwatch.StartNew();
            var rate = optimizer.ParamGroups.First().LearningRate;                       // the rate this epoch trains with
            double loss;
            try
            {
                loss = TrainEpoch(data, ends, weights, optimizer, average, new Random(unchecked((int)Config.Seed * 7919 + epoch)), token,
                    clock);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                log($"Epoch {epoch}/{Config.Epochs}: interrupted; the model keeps its best weights so far");
                break;
            }
            schedule?.step();
            // With a weight average, the averaged weights are validated and kept as the best; training goes on with its own.
            using (average?.Swap())
            {
                double? nse = validation is { } v && (epoch % Config.ValidateEvery == 0 || epoch == Config.Epochs)
                    ? GriddedPrediction.Of(model, data, v).MedianNse() : null;
                var record = new GriddedEpochRecord(epoch, Config.Epochs, loss, nse, rate, watch.Elapsed.TotalSeconds);
                history.Add(record);
                log(record.ToString());
                if (RunFolder is not null) WriteLog(history);
                stopping.Record(epoch, -nse);
            }
            if (stopping.ShouldStop(epoch))
            {
                log($"Early stop: no better validation NSE for {stopping.BadValidations} validations; best epoch {stopping.BestEpoch}");
                break;
            }
        }
        // The weights to keep: the best epoch's. When that was the last one, they are the model's own, or the average's
        // with averaging; an epoch interrupted halfway has moved both since, so the best copy is put back instead.
        average?.CopyInto();
        stopping.RestoreBest(cancelled ? null : history.LastOrDefault()?.Epoch);
        return new GriddedTrainingResult(history, stopping.BestEpoch, -stopping.BestScore, cancelled, clock.Elapsed.TotalSeconds);
    }
    private double TrainEpoch(GriddedDataSet data, int[] ends, Tensor weights, OptimizerHelper optimizer, WeightAverage? average,
        Random random, CancellationToken token, Stopwatch clock)
    {
        model.train();
        var (total, batches) = (0.0, 0);
        for (var b = 0; b < Options.BatchesPerEpoch; b++)
        {
            token.ThrowIfCancellationRequested();
            // On a busy machine one epoch can take minutes: the time limit also ends an epoch early (after at least one
            // batch), so a notebook's budget holds; the shortened epoch is still validated.
            if (b > 0 && clock.Elapsed > Options.TimeLimit) break;
            using var scope = NewDisposeScope();
            var picked = Enumerable.Range(0, Config.BatchSize).Select(_ => ends[random.Next(ends.Length)]).ToArray();
            using var batch = data.Batch(picked, Options.WindowDays);
            var scored = Options.WindowDays - Options.WarmupDays;
            var predicted = regressor.forward(batch.Inputs).narrow(1, Options.WarmupDays, scored);   // [b, scored, k]
            var observed = batch.Targets.narrow(1, Options.WarmupDays, scored);
            var seen = observed.isnan().logical_not();
            var error = (predicted - observed.nan_to_num(0.0)).square().mul(weights).mul(seen);
            var loss = error.sum().div(seen.sum().clamp_min(1));
            optimizer.zero_grad();
            loss.backward();
            if (Config.ClipGradNorm is { } clip) nn.utils.clip_grad_norm_(model.parameters(), clip);
            optimizer.step();
            average?.Update();
            total += loss.item<float>();
            batches++;
        }
        return total / batches;
    }

    /// <summary>Per-target loss weights [k]: 1 / (σ + 0.1)² with σ the training std in model units, or ones.</summary>
    private Tensor TargetWeights(GriddedDataSet data, Period training)
    {
        var k = (int)data.Targets.size(1);
        if (!Options.NseWeights) return ones(k);
        using var scope = NewDisposeScope();
        var days = Enumerable.Range(0, data.Days).Where(d => training.Contains(data.Dates[d])).Select(d => (long)d).ToArray();
        var targets = data.Targets.index_select(0, tensor(days)).to(float64);            // [days, k]
        var seen = targets.isnan().logical_not();
        var count = seen.sum(0).clamp_min(2);
        var mean = targets.nan_to_num(0.0).sum(0) / count;
        var variance = (targets - mean).nan_to_num(0.0).square().mul(seen).sum(0) / (count - 1);
        return (1.0 / (variance.sqrt() + 0.1).square()).to(float32).MoveToOuterDisposeScope();
    }

    private void WriteLog(IEnumerable<GriddedEpochRecord> history) =>
        AtomicFile.WriteAllText(Path.Combine(RunFolder!, "training_log.csv"),
            GriddedEpochRecord.CsvHeader + "\n" + string.Join("\n", history.Select(r => r.ToCsv())) + "\n");
}
