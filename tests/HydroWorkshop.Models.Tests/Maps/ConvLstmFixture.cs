using System.Globalization;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Maps;

/// <summary>A tensor of tests/fixtures/torch/convlstm.json (written by tests/fixtures/make_convlstm_fixtures.py).</summary>
public sealed record FixtureArray(long[] Shape, float[] Data)
{
    public static FixtureArray Parse(JsonElement element) => new(
        element.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
        element.GetProperty("data").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
            ? float.Parse(e.GetString()!, CultureInfo.InvariantCulture) : (float)e.GetDouble()).ToArray());

    public Tensor ToTensor(bool requiresGrad = false) => torch.tensor(Data, Shape, requires_grad: requiresGrad);
}

/// <summary>One ConvLSTM case: PyTorch's weights, input, outputs (sequence, then h and c per layer), the output
/// weights w of the scalar Σ output·w, and its gradients with respect to the input and every parameter.</summary>
public sealed record ConvLstmCase(string Name, Dictionary<string, FixtureArray> State, FixtureArray Input, FixtureArray[] Outputs,
    FixtureArray[] Weights, FixtureArray InputGrad, Dictionary<string, FixtureArray> ParamGrads);

public static class ConvLstmFixture
{
    private static readonly Lazy<Dictionary<string, ConvLstmCase>> Loaded = new(Load);

    public static IReadOnlyDictionary<string, ConvLstmCase> Cases => Loaded.Value;

    private static Dictionary<string, ConvLstmCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "convlstm.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var cases = new Dictionary<string, ConvLstmCase>();
        foreach (var property in document.RootElement.GetProperty("cases").EnumerateObject())
        {
            var c = property.Value;
            Dictionary<string, FixtureArray> Map(string name) =>
                c.GetProperty(name).EnumerateObject().ToDictionary(p => p.Name, p => FixtureArray.Parse(p.Value));
            FixtureArray[] List(string name) => c.GetProperty(name).EnumerateArray().Select(FixtureArray.Parse).ToArray();
            cases[property.Name] = new ConvLstmCase(property.Name, Map("state"), List("inputs")[0], List("outputs"), List("weights"),
                List("grads")[0], Map("param_grads"));
        }
        return cases;
    }
}
