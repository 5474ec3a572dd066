using System.Globalization;
using System.Text.Json;
using HydroWorkshop.Torch;

namespace HydroWorkshop.Torch.Tests;

/// <summary>A tensor written by tests/fixtures/make_torch_fixtures.py (PyTorch, the oracle).</summary>
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

    /// <summary>The values as a tensor on <paramref name="device"/> (the CPU when null); a tensor that
    /// requires grad is a leaf on that device, so its <c>grad</c> is filled there.</summary>
    public Tensor ToTensor(bool requiresGrad, Device? device)
    {
        if (device is not { } target || target == Device.Cpu) return ToTensor(requiresGrad);
        using var onCpu = ToTensor();
        var moved = onCpu.to(target);
        return requiresGrad ? moved.requires_grad_() : moved;
    }

    public Tensor ToTensor(bool requiresGrad = false) => ScalarType switch
    {
        ScalarType.Float32 => torch.tensor(Data.Select(v => (float)v).ToArray(), Shape, requires_grad: requiresGrad),
        ScalarType.Float64 => torch.tensor(Data, Shape, requires_grad: requiresGrad),
        ScalarType.Int64 => torch.tensor(Data.Select(v => (long)v).ToArray(), Shape),
        ScalarType.Bool => torch.tensor(Data.Select(v => v != 0).ToArray(), Shape),
        _ => throw new NotSupportedException(DType),
    };
}

/// <summary>One case: inputs, PyTorch's outputs, and (optionally) weights and input gradients.</summary>
public sealed record FixtureCase(string Name, FixtureTensor[] Inputs, FixtureTensor[] Outputs, FixtureTensor?[]? Weights, FixtureTensor?[]? Grads);

public static class TorchFixtures
{
    private static readonly Lazy<(string Version, Dictionary<string, FixtureCase> Cases)> Parity = new(() => Load("parity.json"));

    public static IReadOnlyDictionary<string, FixtureCase> ParityCases => Parity.Value.Cases;

    public static string ParityTorchVersion => Parity.Value.Version;

    /// <summary>Loads tests/fixtures/torch/<paramref name="file"/> (copied next to the test assembly).</summary>
    public static (string Version, Dictionary<string, FixtureCase> Cases) Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", file);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var cases = new Dictionary<string, FixtureCase>();
        foreach (var property in root.GetProperty("cases").EnumerateObject())
        {
            var c = property.Value;
            FixtureTensor?[]? Optional(string name) =>
                c.TryGetProperty(name, out var list) ? list.EnumerateArray().Select(FixtureTensor.Parse).ToArray() : null;
            cases[property.Name] = new FixtureCase(
                property.Name,
                c.GetProperty("inputs").EnumerateArray().Select(e => FixtureTensor.Parse(e)!).ToArray(),
                c.GetProperty("outputs").EnumerateArray().Select(e => FixtureTensor.Parse(e)!).ToArray(),
                Optional("weights"),
                Optional("grads"));
        }
        return (root.GetProperty("torch_version").GetString()!, cases);
    }
}
