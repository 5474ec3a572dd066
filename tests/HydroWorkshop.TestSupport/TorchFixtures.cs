using System.Globalization;
using System.Text.Json;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.TestSupport;

/// <summary>A tensor written by the fixture scripts in tests/fixtures (PyTorch 1.13, the oracle).</summary>
public sealed record FixtureTensor(long[] Shape, string DType, double[] Data)
{
    public static FixtureTensor? Parse(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Null) return null;
        var shape = element.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var dtype = element.GetProperty("dtype").GetString()!;
        var data = element.GetProperty("data").EnumerateArray().Select(ParseValue).ToArray();
        return new FixtureTensor(shape, dtype, data);
    }

    private static double ParseValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        JsonValueKind.String => e.GetString() switch
        {
            "nan" => double.NaN,
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            var s => double.Parse(s!, CultureInfo.InvariantCulture),
        },
        _ => throw new FormatException($"unexpected fixture value {e}"),
    };

    public ScalarType ScalarType => DType switch
    {
        "float32" => ScalarType.Float32,
        "float64" => ScalarType.Float64,
        "int64" => ScalarType.Int64,
        "bool" => ScalarType.Bool,
        _ => throw new NotSupportedException(DType),
    };

    /// <summary>The values as a CPU tensor of the fixture's dtype.</summary>
    public Tensor ToTensor(bool requiresGrad = false) => ScalarType switch
    {
        ScalarType.Float32 => tensor(Data.Select(v => (float)v).ToArray(), Shape, requires_grad: requiresGrad),
        ScalarType.Float64 => tensor(Data, Shape, requires_grad: requiresGrad),
        ScalarType.Int64 => tensor(Data.Select(v => (long)v).ToArray(), Shape),
        ScalarType.Bool => tensor(Data.Select(v => v != 0).ToArray(), Shape),
        _ => throw new NotSupportedException(DType),
    };
}

/// <summary>One case: inputs, PyTorch's outputs, and (optionally) the output weights of the loss Σ output·weight
/// and the gradients of that loss with respect to the inputs, the module's state and its parameter gradients.</summary>
public sealed record FixtureCase(string Name, FixtureTensor[] Inputs, FixtureTensor[] Outputs, FixtureTensor?[]? Weights,
    FixtureTensor?[]? Grads,
    Dictionary<string, FixtureTensor> State, Dictionary<string, FixtureTensor> ParamGrads);

/// <summary>Reads tests/fixtures/torch/*.json, copied beside the test assembly (the test project links the files it reads).</summary>
public static class TorchFixtures
{
    private static readonly Lazy<Dictionary<string, FixtureCase>> Nn = new(() => Load("nn.json"));
    private static readonly Lazy<Dictionary<string, FixtureCase>> Optim = new(() => Load("optim.json"));
    private static readonly Lazy<Dictionary<string, FixtureCase>> Models = new(() => Load("models.json"));

    /// <summary>tests/fixtures/torch/nn.json (make_nn_fixtures.py): layers and losses.</summary>
    public static IReadOnlyDictionary<string, FixtureCase> NnCases => Nn.Value;

    /// <summary>tests/fixtures/torch/optim.json (make_optim_fixtures.py): optimizers and schedules.</summary>
    public static IReadOnlyDictionary<string, FixtureCase> OptimCases => Optim.Value;

    /// <summary>tests/fixtures/torch/models.json (make_model_fixtures.py): the kit's own models.</summary>
    public static IReadOnlyDictionary<string, FixtureCase> ModelCases => Models.Value;

    public static Dictionary<string, FixtureCase> Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", file);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var cases = new Dictionary<string, FixtureCase>();
        foreach (var property in document.RootElement.GetProperty("cases").EnumerateObject())
        {
            var c = property.Value;
            FixtureTensor?[]? List(string name) =>
                c.TryGetProperty(name, out var list) ? list.EnumerateArray().Select(FixtureTensor.Parse).ToArray() : null;
            Dictionary<string, FixtureTensor> Map(string name) => c.TryGetProperty(name, out var map)
                ? map.EnumerateObject().ToDictionary(p => p.Name, p => FixtureTensor.Parse(p.Value)!)
                : [];
            cases[property.Name] = new FixtureCase(property.Name,
                List("inputs")!.Select(t => t!).ToArray(), List("outputs")!.Select(t => t!).ToArray(),
                List("weights"), List("grads"), Map("state"), Map("param_grads"));
        }
        return cases;
    }
}

public static class TensorAssert
{
    /// <summary>Same shape and dtype; values within rtol·|expected| + atol (NaN matches NaN; integers exact).</summary>
    public static void Close(FixtureTensor expected, Tensor actual, double rtol, double atol, string what)
    {
        Assert.True(expected.Shape.SequenceEqual(actual.shape),
            $"{what}: shape [{string.Join(", ", actual.shape)}], PyTorch [{string.Join(", ", expected.Shape)}]");
        Assert.True(expected.ScalarType == actual.dtype, $"{what}: dtype {actual.dtype}, PyTorch {expected.DType}");
        double[] values;
        using (var asDouble = actual.detach().cpu().to(ScalarType.Float64).contiguous()) values = asDouble.data<double>().ToArray();
        var exact = !is_floating_point(actual);
        for (var k = 0; k < values.Length; k++)
        {
            var e = expected.Data[k];
            var a = values[k];
            if (double.IsNaN(e) && double.IsNaN(a)) continue;
            if (double.IsInfinity(e) && e == a) continue;
            var ok = exact ? e == a : Math.Abs(a - e) <= rtol * Math.Abs(e) + atol;
            Assert.True(ok, $"{what}[{k}]: {a:R}, PyTorch {e:R} (rtol {rtol}, atol {atol})");
        }
    }
}
