using System.Text.Json;
using HydroWorkshop.Checkpoints;
using HydroWorkshop.Common;
using HydroWorkshop.Models.Maps;
using TorchSharp;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates;

/// <summary>One event's scores from <see cref="MapTrainer.Evaluate"/> (depth maps of the predicted frames, after the warm-up).</summary>
public sealed record MapEventScores(string EventName, MapScores Scores, double MaxObservedDepth);

// Roll-outs for validation and evaluation, and the run folder. Every file is written atomically.
public sealed partial class MapTrainer
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string BestModelPath => Path.Combine(RunFolder!, "best_model.safetensors");
    public string LogPath => Path.Combine(RunFolder!, "training_log.csv");

    /// <summary>Predicted depth (m) of event <paramref name="index"/> after the warm-up, [time - warmup, y, x].</summary>
    public Tensor Predict(MapSequences data, int index)
    {
        var scales = Scales ?? throw new InvalidOperationException("no scales: call Fit, Load or set Scales first");
        model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        // Only the warm-up is observed: a roll-out reads no later depth (and building the batch stays cheap).
        using var batch = data.Batch([index], scales, observedFrames: Options.WarmupFrames);
        var rollout = mapModel.Rollout(batch, Options.WarmupFrames);
        return (rollout.Depth.select(0, 0) * scales.Depth).MoveToOuterDisposeScope();
    }

    /// <summary>Rolls out every event of <paramref name="data"/> from its first <see cref="MapTrainingOptions.WarmupFrames"/>
    /// frames and scores the rest; with <paramref name="folder"/>, writes <c>event_metrics.csv</c>,
    /// <c>lead_time_metrics.csv</c> and <c>maps/&lt;event&gt;_predicted.npy</c> there (<see cref="MapEvaluation.Write"/>).</summary>
    public IReadOnlyList<MapEventScores> Evaluate(MapSequences data, string? folder = null)
    {
        var (_, results) = RollOutAll(data, keepMaps: folder is not null);
        try
        {
            if (folder is not null)
                MapEvaluation.Write(folder, results.Select(r => (r.Name, r.Predicted!, r.Observed!)).ToArray(), Options.WetThreshold);
            return results.Select(r => new MapEventScores(r.Name, r.Scores, r.MaxObserved)).ToArray();
        }
        finally
        {
            foreach (var r in results) { r.Predicted?.Dispose(); r.Observed?.Dispose(); }
        }
    }

    /// <summary>Loads <c>scales.json</c> and <c>best_model.safetensors</c> of <see cref="RunFolder"/> into this trainer's model.</summary>
    public void Load()
    {
        if (RunFolder is null) throw new InvalidOperationException("this trainer has no run folder");
        Scales = MapScales.Load(Path.Combine(RunFolder, "scales.json"));
        using var scope = NewDisposeScope();
        Checkpoint.LoadInto(BestModelPath, model.state_dict());
    }

    private sealed record RollOut(string Name, MapScores Scores, double MaxObserved, Tensor? Predicted, Tensor? Observed);

    private (double Loss, List<RollOut> Results) RollOutAll(MapSequences data, bool keepMaps)
    {
        var scales = Scales ?? throw new InvalidOperationException("no scales: call Fit, Load or set Scales first");
        model.eval();
        using var noGrad = no_grad();
        var results = new List<RollOut>();
        double lossSum = 0;
        var k = Options.WarmupFrames;
        for (var start = 0; start < data.Count; start += Options.EvaluationBatchSize)
        {
            using var scope = NewDisposeScope();
            var events = Enumerable.Range(start, Math.Min(Options.EvaluationBatchSize, data.Count - start)).ToArray();
            using var cpuBatch = data.Batch(events, scales);
            var batch = OnDevice(cpuBatch);
            var rollout = mapModel.Rollout(batch, k);                                              // [b, n, y, x] scaled
            lossSum += Loss(rollout, batch).ToDouble() * events.Length;
            var metres = (rollout.Depth * scales.Depth).to(CPU);                            // scored on the CPU
            for (var j = 0; j < events.Length; j++)
            {
                var e = events[j];
                var p = metres.select(0, j).contiguous();                                          // [n, y, x] m
                var o = data.ObservedDepth(e, k);
                var scores = MapMetrics.Score(p, o, Options.WetThreshold);
                var maxObserved = o.max().ToDouble();
                if (keepMaps)
                {
                    p.MoveToOuterDisposeScope();
                    o.MoveToOuterDisposeScope();
                }
                results.Add(new RollOut(data.Events[e].Name, scores, maxObserved, keepMaps ? p : null, keepMaps ? o : null));
            }
        }
        model.train();
        return (lossSum / data.Count, results);
    }

    private void WriteRunFiles(MapSequences train)
    {
        Directory.CreateDirectory(RunFolder!);
        AtomicFile.WriteAllText(Path.Combine(RunFolder!, "config.json"), JsonSerializer.Serialize(new
        {
            model = model.GetType().Name,
            model_repr = model.ToString(),
            inputs = mapModel.Inputs,
            training = Config,
            map = new
            {
                Options.WarmupFrames, Options.WindowFrames, Options.WindowsPerEvent, Options.WetThreshold,
                StopMetric = Options.StopMetric.ToString(), Options.EvaluationBatchSize,
                TeacherForcing = new { Options.TeacherForcing.Start, Options.TeacherForcing.End, Options.TeacherForcing.DecayEpochs,
                    Decay = Options.TeacherForcing.Decay.ToString() },
                TimeLimitSeconds = Options.TimeLimit?.TotalSeconds,
            },
            data = new { events = train.Events.Select(e => e.Name), train.Frames, train.Rows, train.Columns, forcings = train.ForcingNames,
                extra = train.ExtraNames },
        }, Json));
        Scales!.Save(Path.Combine(RunFolder!, "scales.json"));
        if (File.Exists(LogPath)) File.Delete(LogPath);
    }

    private void WriteLog(List<MapEpochRecord> history) =>
        AtomicFile.WriteAllText(LogPath, string.Join('\n', [MapEpochRecord.CsvHeader, .. history.Select(h => h.ToCsv())]) + "\n");
}
