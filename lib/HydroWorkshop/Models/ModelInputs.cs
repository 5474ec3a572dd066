using static TorchSharp.torch;

namespace HydroWorkshop.Models;

internal static class ModelInputs
{
    /// <summary>Checks the shapes and appends the static attributes to every time step:
    /// [batch, time, dynamic] + [batch, static] -> [batch, time, dynamic + static].</summary>
    internal static Tensor Concatenate(nn.Module model, Tensor dynamic, Tensor? statics, int dynamicInputs, int staticInputs)
    {
        var name = model.GetType().Name;
        if (dynamic.dim() != 3 || dynamic.size(2) != dynamicInputs)
            throw new ArgumentException(
                $"{name}: dynamic inputs [{string.Join(", ", dynamic.shape)}] must be [batch, time, {dynamicInputs}]");
        if (staticInputs == 0) return dynamic.alias();
        if (statics is null || statics.dim() != 2 || statics.size(1) != staticInputs || statics.size(0) != dynamic.size(0))
            throw new ArgumentException(
                $"{name}: static inputs [{string.Join(", ", statics?.shape ?? [])}] must be [{dynamic.size(0)}, {staticInputs}]");
        using var repeated = statics.unsqueeze(1).expand(-1, dynamic.size(1), -1);                 // [batch, time, static]
        return cat([dynamic, repeated], 2);
    }
}
