using System.Globalization;
using HydroWorkshop.Models;
using HydroWorkshop.TestSupport;
using TorchSharp;
using TorchSharp.PyBridge;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Checkpoints;

/// <summary>
/// PyTorch's own checkpoint format (<c>torch.save</c> of a state_dict, a .pt file) crosses both ways through
/// TorchSharp.PyBridge, with the kit's model: Python writes and the kit loads, the kit writes and Python loads.
/// Skipped where Debian's python3 or its torch is missing.
/// </summary>
public sealed class PyBridgeInteropTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    // An LstmRegressor(3 dynamic inputs, no statics, hidden 4, 1 target) state_dict, in PyTorch's names.
    private const string WriteStateDict = """
        import sys, torch
        torch.manual_seed(7)
        shapes = {"lstm.weight_ih_l0": (16, 3), "lstm.weight_hh_l0": (16, 4), "lstm.bias_ih_l0": (16,), "lstm.bias_hh_l0": (16,),
                  "head.weight": (1, 4), "head.bias": (1,)}
        state = {k: torch.randn(*s) for k, s in shapes.items()}
        torch.save(state, sys.argv[1])
        x = torch.randn(2, 5, 3)
        lstm = torch.nn.LSTM(3, 4, batch_first=True); head = torch.nn.Linear(4, 1)
        lstm.load_state_dict({k[5:]: v for k, v in state.items() if k.startswith("lstm.")})
        head.load_state_dict({k[5:]: v for k, v in state.items() if k.startswith("head.")})
        torch.save(x, sys.argv[2])
        with torch.no_grad(): y = head(lstm(x)[0])
        print(" ".join(repr(v) for v in x.flatten().tolist()))
        print(" ".join(repr(v) for v in y.flatten().tolist()))
        """;

    [PythonTorchFact]
    public void LoadPy_StateDictSavedByTorch_KitModelGivesPyTorchsOutput()
    {
        var script = Path.Combine(folder.Path, "write.py");
        File.WriteAllText(script, WriteStateDict);
        var weights = Path.Combine(folder.Path, "lstm.pt");
        var (code, output) = PythonTorchFactAttribute.Run($"\"{script}\" \"{weights}\" \"{Path.Combine(folder.Path, "x.pt")}\"",
            TimeSpan.FromMinutes(2));
        Assert.True(code == 0, output);
        var lines = output.Trim().Split('\n');
        var x = lines[^2].Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var expected = lines[^1].Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();

        using var scope = NewDisposeScope();
        using var model = new LstmRegressor(dynamicInputs: 3, staticInputs: 0, hiddenSize: 4);
        model.load_py(weights);
        model.eval();
        using var noGrad = no_grad();
        var actual = model.forward(tensor(x, [2, 5, 3])).data<float>().ToArray();

        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5,
            $"output {i}: PyTorch {expected[i]}, kit {actual[i]}");
    }

    [PythonTorchFact]
    public void SavePy_KitModel_TorchLoadsTheSameTensors()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var model = new LstmRegressor(dynamicInputs: 3, staticInputs: 2, hiddenSize: 4, targets: 2);
        var path = Path.Combine(folder.Path, "kit.pt");
        model.save_py(path);
        var script = Path.Combine(folder.Path, "read.py");
        File.WriteAllText(script, """
            import sys, torch
            state = torch.load(sys.argv[1])
            for k in sorted(state): print(k, tuple(state[k].shape), repr(float(state[k].double().sum())))
            """);

        var (code, output) = PythonTorchFactAttribute.Run($"\"{script}\" \"{path}\"", TimeSpan.FromMinutes(2));

        Assert.True(code == 0, output);
        var python = output.Trim().Split('\n').Where(l => l.Contains('(')).ToDictionary(l => l.Split(' ')[0], l => l);
        var kit = model.state_dict();
        Assert.Equal(kit.Keys.Order(), python.Keys.Order());
        foreach (var (name, value) in kit)
        {
            var sum = double.Parse(python[name].Split(' ')[^1], CultureInfo.InvariantCulture);
            Assert.Equal(value.to_type(ScalarType.Float64).sum().ToDouble(), sum, 6);
            Assert.Contains($"({string.Join(", ", value.shape)}{(value.shape.Length == 1 ? "," : "")})", python[name],
                StringComparison.Ordinal);
        }
    }
}
