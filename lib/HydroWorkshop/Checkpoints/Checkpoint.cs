using System.Text.Json;
using HydroWorkshop.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace HydroWorkshop.Checkpoints;

/// <summary>
/// Saving and resuming training: the model's tensors, the optimizer's state and the schedule's progress in
/// one safetensors file, written atomically. Model tensors are stored as <c>model.{key}</c>; the optimizer's
/// state is TorchSharp's own serialisation (<c>save_state_dict</c>) kept as one byte tensor
/// <c>optimizer.torchsharp</c>, so that resuming restores exactly what TorchSharp holds; the schedule's epoch is
/// JSON in the metadata (<c>hydroworkshop.schedule</c>). Python reads the model part with
/// <c>{k[6:]: v for k, v in load_file(path).items() if k.startswith("model.")}</c>.
/// Files of the libtorch-1.13 engine (format <c>hydroworkshop-checkpoint-1</c>) still give their model weights;
/// resuming one is refused with the reason.
/// </summary>
public static class Checkpoint
{
    private const string ModelPrefix = "model.", OptimizerTensor = "optimizer.torchsharp";
    private const string ScheduleKey = "hydroworkshop.schedule", Format = "hydroworkshop-checkpoint-2",
        OldFormat = "hydroworkshop-checkpoint-1";

    /// <summary>Writes <paramref name="model"/> (e.g. <c>model.state_dict()</c>), and when given the optimizer
    /// and schedule state, to <paramref name="path"/>, atomically. <paramref name="metadata"/> keys must not
    /// start with <c>hydroworkshop.</c>.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> model, TorchSharp.Modules.OptimizerHelper? optimizer = null,
        EpochRateLR? schedule = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal) { ["format"] = Format };
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            if (key.StartsWith("hydroworkshop.", StringComparison.Ordinal) || key == "format")
                throw new ArgumentException($"metadata key '{key}' is reserved for the checkpoint itself", nameof(metadata));
            meta[key] = value;
        }
        foreach (var (key, tensor) in model) tensors[ModelPrefix + key] = tensor;
        Tensor? optimizerBytes = null;
        try
        {
            if (optimizer is not null)
            {
                using var buffer = new MemoryStream();
                using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(writer);
                optimizerBytes = torch.tensor(buffer.ToArray(), dtype: ScalarType.Byte);
                tensors[OptimizerTensor] = optimizerBytes;
            }
            if (schedule is not null)
                meta[ScheduleKey] = JsonSerializer.Serialize(new Dictionary<string, int> { ["last_epoch"] = schedule.last_epoch });
            SafeTensors.Save(tensors, path, meta);
        }
        finally
        {
            optimizerBytes?.Dispose();
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
        TorchSharp.Modules.OptimizerHelper? optimizer = null, EpochRateLR? schedule = null, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (tensors, metadata) = SafeTensors.Load(path);
        try
        {
            var modelTensors = Select(tensors, ModelPrefix);
            var report = StateDictReport.Compare(model, modelTensors);
            if (report.mismatched_shapes.Count > 0 || (strict && !report.IsExact)) throw new StateDictMismatchException(path, report);
            if ((optimizer is not null || schedule is not null) && metadata.GetValueOrDefault("format") == OldFormat)
                throw new InvalidDataException(
                    $"{path} was written by the kit's earlier libtorch-1.13 engine ({OldFormat}): its model weights load " +
                    "(best_model.safetensors, predict, evaluate), but its optimizer state cannot be resumed; train the run again without resume");
            if (optimizer is not null && !tensors.ContainsKey(OptimizerTensor)) throw new InvalidDataException(
                $"{path} holds no optimizer state");
            if (schedule is not null && !metadata.ContainsKey(ScheduleKey)) throw new InvalidDataException(
                $"{path} holds no schedule state");
            using (no_grad())
            {
                foreach (var (key, target) in model)
                {
                    if (modelTensors.TryGetValue(key, out var source)) target.copy_(source);
                }
            }
            if (optimizer is not null)
            {
                using var buffer = new MemoryStream(tensors[OptimizerTensor].bytes.ToArray());
                using var reader = new BinaryReader(buffer);
                try
                {
                    optimizer.load_state_dict(reader);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    throw new InvalidDataException($"{path}: the optimizer state does not fit this optimizer ({e.Message})", e);
                }
            }
            if (schedule is not null)
            {
                var state = JsonSerializer.Deserialize<Dictionary<string, int>>(metadata[ScheduleKey]);
                if (state is null || !state.TryGetValue("last_epoch", out var lastEpoch)) throw new InvalidDataException(
                    $"{path}: the schedule state has no last_epoch");
                schedule.step(lastEpoch);
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
    /// Python, or a run's <c>best_model.safetensors</c>), or the model part of a checkpoint written by
    /// <see cref="Save"/>, into <paramref name="destination"/>'s tensors, checking keys and shapes as <see cref="Load"/> does.</summary>
    public static StateDictReport LoadInto(string path, IReadOnlyDictionary<string, Tensor> destination, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var (tensors, metadata) = SafeTensors.Load(path);
        try
        {
            var weights = metadata.GetValueOrDefault("format") is Format or OldFormat ? Select(tensors, ModelPrefix) : tensors;
            var report = StateDictReport.Compare(destination, weights);
            if (report.mismatched_shapes.Count > 0 || (strict && !report.IsExact)) throw new StateDictMismatchException(path, report);
            using (torch.no_grad())
            {
                foreach (var (key, target) in destination)
                {
                    if (weights.TryGetValue(key, out var source)) target.copy_(source);
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
