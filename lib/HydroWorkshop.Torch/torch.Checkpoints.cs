using HydroWorkshop.Torch.Checkpoints;

namespace HydroWorkshop.Torch;

public static partial class torch
{
    /// <summary>
    /// Writes named tensors (e.g. <c>model.state_dict()</c>) to a safetensors file, atomically, with optional
    /// string metadata. Python reads it with <c>safetensors.torch.load_file(path)</c>. For resuming training
    /// with the optimizer and schedule, see <see cref="Checkpoint.Save"/>.
    /// </summary>
    public static void save(IReadOnlyDictionary<string, Tensor> tensors, string path, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensors.Save(tensors, path, metadata);

    /// <summary>Reads every tensor of a safetensors file onto the CPU (the caller disposes them).</summary>
    public static Dictionary<string, Tensor> load(string path) => SafeTensors.Load(path).Tensors;

    /// <summary>As <see cref="load(string)"/>, also returning the file's metadata.</summary>
    public static Dictionary<string, Tensor> load(string path, out Dictionary<string, string> metadata)
    {
        var (tensors, meta) = SafeTensors.Load(path);
        metadata = meta;
        return tensors;
    }
}
