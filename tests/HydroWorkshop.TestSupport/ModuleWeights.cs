using TorchSharp;
using static TorchSharp.torch;

namespace HydroWorkshop.TestSupport;

/// <summary>Setting and reading a small module's weights in tests of code that copies, averages or restores them.</summary>
public static class ModuleWeights
{
    /// <summary>Sets every parameter of <paramref name="model"/> to <paramref name="value"/>.</summary>
    public static void Fill(nn.Module model, float value)
    {
        using var noGrad = no_grad();
        foreach (var p in model.parameters()) p.fill_(value);
    }

    /// <summary>Every parameter's values, in order.</summary>
    public static float[] All(nn.Module model) => model.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
}
