using System.Diagnostics;
using HydroWorkshop.Common;
using HydroWorkshop.Data;
using HydroWorkshop.Engine;
using HydroWorkshop.Evaluation;
using HydroWorkshop.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Training;

/// <summary>The outcome of <see cref="Trainer.Fit"/>: every epoch's record and the epoch whose weights the model holds.</summary>
public sealed record TrainingResult(IReadOnlyList<EpochRecord> History, int BestEpoch, double? BestValidationLoss, string? RunFolder,
    bool Cancelled);

/// <summary>
/// Trains a rainfall–runoff model on a <see cref="BasinDataSet"/>: shuffled batches, Adam/AdamW, an optional
/// epoch-to-rate schedule, gradient clipping, a NaN-masked MSE or NSE* loss, validation every N epochs with the
/// median NSE across basins, early stopping that restores the best weights, and a run folder (config,
/// normalisation, best_model.safetensors, training_log.csv, last_checkpoint.safetensors) from which a stopped
/// run resumes and reproduces the uninterrupted one bit for bit on a CPU.
/// </summary>
public sealed partial class Trainer
{
    private const double NseEpsilon = 0.1;   // ε of NSE*, in normalised units, as Kratzert et al. (2019)
    private readonly nn.Module model;
    private readonly ISequenceRegressor regressor;
    private readonly Action<string> log;

    public Trainer(nn.Module model, TrainingConfig config, string? runFolder = null, Action<string>? log = null)
    {
        this.model = model;
        regressor = model as ISequenceRegressor
            ?? throw new ArgumentException($"{model.GetType().Name} does not implement ISequenceRegressor (forward(dynamic, statics))",
                nameof(model));
        config.Validate();
        if (config.Loss == TrainingLoss.GaussianNll && model is not IProbabilisticRegressor { IsGaussian: true })
            throw new ArgumentException(
                $"loss gaussian_nll needs a model with a Gaussian head (model head: gaussian); {model.GetType().Name} predicts values only",
                nameof(config));
        Config = config;
        RunFolder = runFolder;
        this.log = log ?? Console.WriteLine;
    }

    public TrainingConfig Config { get; }
    public string? RunFolder { get; }

    /// <summary>Trains; with <paramref name="resume"/>, continues from the run folder's last checkpoint.</summary>
    public TrainingResult Fit(BasinDataSet train, BasinDataSet? validation = null, bool resume = false,
        CancellationToken? cancellationToken = null)
    {
        // On a GPU (device: cuda) the model trains there and comes back to the CPU at the end, where evaluation runs.
        return DeviceTraining.Run(model, Config.TrainingDevice(), d => device = d,
            () => FitOnDevice(train, validation, resume, cancellationToken));
    }

    private Device device = CPU;

    /// <summary>A batch tensor on the training device (itself on the CPU).</summary>
    private Tensor OnDevice(Tensor tensor) => device.type == DeviceType.CPU ? tensor : tensor.to(device);

    private TrainingResult FitOnDevice(BasinDataSet train, BasinDataSet? validation, bool resume, CancellationToken? cancellationToken)
    {
        var token = cancellationToken ?? WorkshopCancellation.Token;
        var history = new List<EpochRecord>();
        using var optimizer = MakeOptimizer();
        var schedule = Config.LearningRates is { } rates ? new EpochRateLR(optimizer, rates) : null;
        var basinWeights = Config.Loss == TrainingLoss.Nse ? NseWeights(train) : null;
        using var stopping = new EarlyStopping(model, Config.Patience, Config.MinEpochs, validation is not null,
            RunFolder is null ? null : BestModelPath);
        var start = 1;
        if (RunFolder is not null)
        {
            Directory.CreateDirectory(RunFolder);
            if (resume && File.Exists(LastCheckpointPath)) start = Resume(optimizer, schedule, stopping, history);
            else WriteRunFiles(train);
        }

        var progress = new TrainingProgress(Config.Epochs);
        var cancelled = false;
        for (var epoch = start; epoch <= Config.Epochs; epoch++)
        {
            if (token.IsCancellationRequested) { cancelled = true; break; }
            var watch = Stopwatch.StartNew();
            var learningRate = optimizer.ParamGroups.First().LearningRate;     // this epoch's: the schedule steps after it
            double trainLoss;
            try
            {
                trainLoss = TrainEpoch(train, optimizer, basinWeights, epoch, progress, token);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                log($"Epoch {epoch}/{Config.Epochs}: interrupted; the model keeps its best weights so far");
                break;
            }
            schedule?.step();
            double? validationLoss = null, medianNse = null;
            if (validation is not null && (epoch % Config.ValidateEvery == 0 || epoch == Config.Epochs))
                (validationLoss, medianNse) = Validate(validation, basinWeights is null ? null : NseWeights(validation));
            var record = new EpochRecord(epoch, Config.Epochs, trainLoss, validationLoss, medianNse, learningRate,
                watch.Elapsed.TotalSeconds);
            history.Add(record);
            log(record.ToString());

            stopping.Record(epoch, validationLoss);
            if (RunFolder is not null) SaveProgress(optimizer, schedule, stopping, history, epoch);
            if (stopping.ShouldStop(epoch))
            {
                log($"Early stop after epoch {epoch}: no improvement for {Config.Patience} validations; best epoch {stopping.BestEpoch}");
                break;
            }
        }
        progress.Finish();
        stopping.RestoreBest(cancelled ? null : history.LastOrDefault()?.Epoch);   // interrupted mid-epoch: the weights moved since
        return new TrainingResult(history, stopping.BestEpoch, stopping.BestScore, RunFolder, cancelled);
    }

    // ---- one epoch ------------------------------------------------------------------------------------

    private double TrainEpoch(BasinDataSet train, OptimizerHelper optimizer, IReadOnlyDictionary<string, double>? basinWeights, int epoch,
        TrainingProgress progress, CancellationToken token)
    {
        // Seeds derived from the epoch make shuffling and dropout the same whether or not the run was resumed.
        manual_seed((long)(Config.Seed + (ulong)epoch));
        using var generator = new Generator(Config.Seed * 1_000_003UL + (ulong)epoch);
        model.train();
        double sum = 0;
        long count = 0;
        var batches = (train.Count + Config.BatchSize - 1) / Config.BatchSize;
        var index = 0;
        foreach (var batch in train.Batches(Config.BatchSize, generator, cancellationToken: token))
        {
            using (batch)
            using (var scope = NewDisposeScope())
            {
                var loss = Loss(Predict(train, batch), batch, basinWeights);
                optimizer.zero_grad();
                loss.backward();
                if (Config.ClipGradNorm is { } maxNorm) nn.utils.clip_grad_norm_(Trainable(), maxNorm);
                optimizer.step();
                var value = loss.ToDouble();
                if (!double.IsFinite(value))
                    throw new InvalidOperationException(
                        $"epoch {epoch}, batch {index + 1}: the loss is {value}; lower the learning rate or check the inputs for NaN");
                sum += value * batch.Size;
                count += batch.Size;
            }
            progress.Report(epoch, ++index, batches, sum / Math.Max(count, 1));
        }
        return count == 0 ? double.NaN : sum / count;
    }

    private (double Loss, double MedianNse) Validate(BasinDataSet validation, IReadOnlyDictionary<string, double>? basinWeights)
    {
        model.eval();
        using var noGrad = no_grad();
        double sum = 0;
        long count = 0;
        var observed = new Dictionary<string, List<double>>();
        var simulated = new Dictionary<string, List<double>>();
        foreach (var batch in validation.Batches(Config.BatchSize))
        {
            using (batch)
            using (var scope = NewDisposeScope())
            {
                var prediction = Predict(validation, batch);                              // [batch, n, targets]
                sum += Loss(prediction, batch, basinWeights).ToDouble() * batch.Size;
                count += batch.Size;
                var sim = prediction.Mean.select(2, 0).contiguous().data<float>().ToArray();      // first target, [batch * n]
                var obs = batch.Targets.select(2, 0).contiguous().data<float>().ToArray();
                var n = sim.Length / batch.Size;
                for (var b = 0; b < batch.Size; b++)
                {
                    var id = batch.BasinIds[b];
                    if (!observed.TryGetValue(id, out var o)) { observed[id] = o = []; simulated[id] = []; }
                    for (var k = 0; k < n; k++) { o.Add(obs[b * n + k]); simulated[id].Add(sim[b * n + k]); }
                }
            }
        }
        // NSE is unchanged by the normalisation (the same affine map of observed and simulated).
        var nse = observed.Keys.Select(id => Metrics.Nse(observed[id].ToArray(), simulated[id].ToArray())).Where(double.IsFinite)
            .Order().ToArray();
        var median = nse.Length == 0 ? double.NaN : nse.Length % 2 == 1 ? nse[nse.Length / 2]
            : (nse[nse.Length / 2 - 1] + nse[nse.Length / 2]) / 2;
        return (count == 0 ? double.NaN : sum / count, median);
    }

    /// <summary>The model's mean (and, with the Gaussian NLL loss, variance) for the scored steps, [batch, predict_last_n,
    /// targets].</summary>
    private readonly record struct Prediction(Tensor Mean, Tensor? Variance);

    private Prediction Predict(BasinDataSet data, BasinBatch batch)
    {
        var statics = data.Options.ConcatenateStatics ? null : batch.Statics;
        Tensor output;
        Tensor? variance = null;
        var inputs = OnDevice(batch.Inputs);                                                       // [batch, time, features]
        if (statics is not null) statics = OnDevice(statics);
        if (Config.Loss == TrainingLoss.GaussianNll) (output, variance) = ((IProbabilisticRegressor)regressor)
            .forward_distribution(inputs, statics);
        else output = regressor.forward(inputs, statics);
        var n = batch.Targets.size(1);
        var steps = output.size(1);
        if (steps < n || output.size(2) != batch.Targets.size(2))
            throw new InvalidOperationException(
                $"{model.GetType().Name} predicts [{string.Join(", ", output.shape)}] but the data set scores [{string.Join(", ", batch.Targets.shape)}] (predict_last_n, targets)");
        return new Prediction(output.narrow(1, steps - n, n), variance?.narrow(1, steps - n, n));
    }

    private Tensor Loss(Prediction prediction, BasinBatch batch, IReadOnlyDictionary<string, double>? basinWeights)
    {
        var allTargets = OnDevice(batch.Targets);                                                  // [batch, n, targets]
        if (Config.TargetWeights is not { } targetWeights) return TargetLoss(prediction.Mean, prediction.Variance, allTargets,
            batch, basinWeights);
        var targets = allTargets.size(2);
        if (targetWeights.Count != targets)
            throw new InvalidOperationException($"target_weights has {targetWeights.Count} weights but the data set has {targets} targets");
        Tensor? total = null;
        for (var k = 0; k < targets; k++)
        {
            if (targetWeights[k] == 0) continue;
            using var mean = prediction.Mean.narrow(2, k, 1);
            using var variance = prediction.Variance?.narrow(2, k, 1);
            using var target = allTargets.narrow(2, k, 1);
            var term = TargetLoss(mean, variance, target, batch, basinWeights) * targetWeights[k];
            total = total is null ? term : total + term;
        }
        return total!;
    }

    /// <summary>The masked loss of predictions [batch, n, k] against targets [batch, n, k].</summary>
    private Tensor TargetLoss(Tensor mean, Tensor? variance, Tensor targets, BasinBatch batch,
        IReadOnlyDictionary<string, double>? basinWeights)
    {
        if (Config.Loss == TrainingLoss.GaussianNll) return MaskedLosses.masked_gaussian_nll_loss(mean, targets, variance!);
        if (basinWeights is null) return MaskedLosses.masked_mse_loss(mean, targets);
        // NSE*: per-sample weight 1 / (s_b + ε)², applied before the masked mean.
        var weights = batch.BasinIds.Select(id => (float)basinWeights.GetValueOrDefault(id, 1.0)).ToArray();
        using var w = tensor(weights, [batch.Size, 1, 1], device: mean.device).sqrt();
        return MaskedLosses.masked_mse_loss(mean * w, targets * w);
    }

    /// <summary>1 / (s_b + ε)² per basin, s_b the standard deviation of the basin's (normalised) first target.</summary>
    private IReadOnlyDictionary<string, double> NseWeights(BasinDataSet data)
    {
        var values = new Dictionary<string, List<double>>();
        foreach (var batch in data.Batches(4096))
        {
            using (batch)
            using (var scope = NewDisposeScope())
            {
                var targets = batch.Targets.select(2, 0).select(1, batch.Targets.size(1) - 1).data<float>().ToArray();
                for (var b = 0; b < batch.Size; b++)
                {
                    if (float.IsNaN(targets[b])) continue;
                    if (!values.TryGetValue(batch.BasinIds[b], out var list)) values[batch.BasinIds[b]] = list = [];
                    list.Add(targets[b]);
                }
            }
        }
        return values.ToDictionary(p => p.Key, p =>
        {
            var mean = p.Value.Average();
            var std = Math.Sqrt(p.Value.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, p.Value.Count - 1));
            return 1 / ((std + NseEpsilon) * (std + NseEpsilon));
        });
    }

    /// <summary>Parameters that train: frozen ones (requires_grad false, e.g. after <see cref="Finetuning.Freeze"/>) stay out of the
    /// optimizer.</summary>
    private Parameter[] Trainable() => model.parameters().Where(p => p.requires_grad).ToArray();

    private OptimizerHelper MakeOptimizer()
    {
        var trainable = Trainable();
        if (trainable.Length == 0) throw new InvalidOperationException(
            $"every parameter of {model.GetType().Name} is frozen: nothing to train");
        return TrainingOptimizer.Make(Config, trainable);
    }
}
