using System.Text.Json;
using System.Text.Json.Serialization;
using HydroWorkshop.Torch.Optimizers;
using HydroWorkshop.Torch.Optimizers.Schedules;

namespace HydroWorkshop.Torch.Checkpoints;

/// <summary>
/// Saving and resuming training: the model's tensors, the optimizer's state and the schedule's progress in
/// one safetensors file, written atomically. Model tensors are stored as <c>model.{key}</c>, optimizer
/// buffers as <c>optimizer.state.{index}.{buffer}</c>; the optimizer's options and step counts and the
/// schedule's state are JSON strings in the metadata (<c>hydroworkshop.optimizer</c>,
/// <c>hydroworkshop.schedule</c>). Python reads the model part with
/// <c>{k[6:]: v for k, v in load_file(path).items() if k.startswith("model.")}</c>.
/// </summary>
public static class Checkpoint
{
    private const string ModelPrefix = "model.", OptimizerPrefix = "optimizer.";
    private const string OptimizerKey = "hydroworkshop.optimizer", ScheduleKey = "hydroworkshop.schedule";
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Writes <paramref name="model"/> (e.g. <c>model.state_dict()</c>), and when given the optimizer
    /// and schedule state, to <paramref name="path"/>, atomically. <paramref name="metadata"/> keys must not
    /// start with <c>hydroworkshop.</c>.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> model, Optimizer? optimizer = null,
        LearningRateSchedule? schedule = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal) { ["format"] = "hydroworkshop-checkpoint-1" };
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            if (key.StartsWith("hydroworkshop.", StringComparison.Ordinal) || key == "format")
                throw new ArgumentException($"metadata key '{key}' is reserved for the checkpoint itself", nameof(metadata));
            meta[key] = value;
        }
        foreach (var (key, tensor) in model) tensors[ModelPrefix + key] = tensor;
        OptimizerState? state = null;
        try
        {
            if (optimizer is not null)
            {
                state = optimizer.state_dict();
                var (optimizerTensors, json) = state.ToTensors();
                foreach (var (key, tensor) in optimizerTensors) tensors[OptimizerPrefix + key] = tensor;
                meta[OptimizerKey] = json;
            }
            if (schedule is not null) meta[ScheduleKey] = JsonSerializer.Serialize(schedule.state_dict(), Json);
            SafeTensors.Save(tensors, path, meta);
        }
        finally
        {
            state?.Dispose();
        }
    }

    /// <summary>
    /// Copies the model tensors of <paramref name="path"/> into <paramref name="model"/>'s tensors (in place,
    /// so pass tensors that share the parameters' memory, as <c>model.state_dict()</c> returns), and restores
    /// the optimizer and schedule when given. Missing, unexpected (only when <paramref name="strict"/>) and
    /// shape-mismatched keys are all named in one <see cref="StateDictMismatchException"/>, before anything
    /// is changed. Returns the report and the user metadata.
    /// </summary>
    public static (StateDictReport Report, Dictionary<string, string> Metadata) Load(string path, IReadOnlyDictionary<string, Tensor> model,
        Optimizer? optimizer = null, LearningRateSchedule? schedule = null, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (tensors, metadata) = SafeTensors.Load(path);
        try
        {
            var modelTensors = Select(tensors, ModelPrefix);
            var report = StateDictReport.Compare(model, modelTensors);
            if (report.mismatched_shapes.Count > 0 || (strict && !report.IsExact)) throw new StateDictMismatchException(path, report);
            if (optimizer is not null && !metadata.ContainsKey(OptimizerKey)) throw new InvalidDataException($"{path} holds no optimizer state");
            if (schedule is not null && !metadata.ContainsKey(ScheduleKey)) throw new InvalidDataException($"{path} holds no schedule state");
            using (torch.no_grad())
            {
                foreach (var (key, target) in model)
                {
                    if (modelTensors.TryGetValue(key, out var source)) target.copy_(source);
                }
            }
            if (optimizer is not null)
            {
                using var state = OptimizerState.FromTensors(Select(tensors, OptimizerPrefix), metadata[OptimizerKey], path);
                optimizer.load_state_dict(state);
            }
            if (schedule is not null)
            {
                var scheduleState = JsonSerializer.Deserialize<Dictionary<string, double>>(metadata[ScheduleKey], Json)
                    ?? throw new InvalidDataException($"{path}: the schedule state is empty");
                schedule.load_state_dict(scheduleState);
            }
            var user = metadata.Where(m => m.Key != "format" && !m.Key.StartsWith("hydroworkshop.", StringComparison.Ordinal))
                .ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
            return (report, user);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>Copies the tensors of a plain safetensors file (e.g. written by <c>torch.save</c> or by
    /// Python) into <paramref name="destination"/>'s tensors, checking keys and shapes as <see cref="Load"/> does.</summary>
    public static StateDictReport LoadInto(string path, IReadOnlyDictionary<string, Tensor> destination, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var (tensors, _) = SafeTensors.Load(path);
        try
        {
            var report = StateDictReport.Compare(destination, tensors);
            if (report.mismatched_shapes.Count > 0 || (strict && !report.IsExact)) throw new StateDictMismatchException(path, report);
            using (torch.no_grad())
            {
                foreach (var (key, target) in destination)
                {
                    if (tensors.TryGetValue(key, out var source)) target.copy_(source);
                }
            }
            return report;
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    private static Dictionary<string, Tensor> Select(Dictionary<string, Tensor> tensors, string prefix) =>
        tensors.Where(t => t.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(t => t.Key[prefix.Length..], t => t.Value, StringComparer.Ordinal);
}
