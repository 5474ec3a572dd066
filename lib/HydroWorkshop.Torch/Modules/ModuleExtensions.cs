namespace HydroWorkshop.Torch.Modules;

internal static class ModuleExtensions
{
    /// <summary>"Linear(in_features=5, ...)" for error messages that name the module.</summary>
    internal static string Describe(this Module module) => module.ToString().Split('\n')[0];

    internal static string Shape(this Tensor tensor) => $"[{string.Join(", ", tensor.shape)}]";
}
