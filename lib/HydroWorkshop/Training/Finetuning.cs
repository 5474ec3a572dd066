using static TorchSharp.torch;

namespace HydroWorkshop.Training;

/// <summary>Transfer learning helpers: freeze named parts of a pretrained model before training it further.</summary>
public static class Finetuning
{
    /// <summary>
    /// Freezes (requires_grad false) every parameter whose name equals one of <paramref name="prefixes"/> or starts
    /// with it followed by a dot, e.g. "lstm" freezes lstm.weight_ih_l0, lstm.bias_hh_l0, ... The trainer leaves
    /// frozen parameters out of its optimizer, so they keep their pretrained values exactly.
    /// Returns the frozen names; a prefix that matches nothing is an error that lists the parameter names.
    /// </summary>
    public static IReadOnlyList<string> Freeze(nn.Module model, IEnumerable<string> prefixes)
    {
        var parameters = model.named_parameters().ToArray();
        var frozen = new List<string>();
        foreach (var prefix in prefixes)
        {
            var matches = parameters.Where(p => p.name == prefix || p.name.StartsWith(prefix + ".", StringComparison.Ordinal)).ToArray();
            if (matches.Length == 0)
                throw new ArgumentException(
                    $"freeze: '{prefix}' names no parameter of {model.GetType().Name}; parameters: {string.Join(", ", parameters.Select(p => p.name))}", nameof(prefixes));
            foreach (var (name, parameter) in matches)
            {
                parameter.requires_grad = false;
                if (!frozen.Contains(name)) frozen.Add(name);
            }
        }
        return frozen;
    }
}
