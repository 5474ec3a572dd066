using HydroWorkshop.Models.Maps;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Maps;

public sealed class ConvLstmTests
{
    // (case, input channels, hidden, kernel, layers, peephole grid: null = none, (1, 1) = per channel, else per cell)
    public static TheoryData<string, int, int, int, int, int, int> Cases => new()
    {
        { "convlstm_two_layers", 3, 4, 3, 2, 0, 0 },
        { "convlstm_peephole_per_channel", 2, 3, 3, 1, 1, 1 },
        { "convlstm_peephole_per_cell_kernel5", 2, 3, 5, 2, 6, 4 },
    };

    private static ConvLstm Build(int input, int hidden, int kernel, int layers, int peepRows, int peepColumns) =>
        peepRows == 0 ? new ConvLstm(input, hidden, kernel, layers)
        : peepRows == 1 && peepColumns == 1 ? new ConvLstm(input, hidden, kernel, layers, peephole: true)
        : new ConvLstm(input, hidden, kernel, layers, peephole: true, peepholeGrid: (peepRows, peepColumns));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_PyTorchWeights_MatchesPyTorchOutputsAndGradients(string name, int input, int hidden, int kernel, int layers,
        int peepRows, int peepColumns)
    {
        var fixture = ConvLstmFixture.Cases[name];
        using var model = Build(input, hidden, kernel, layers, peepRows, peepColumns);
        using var scope = NewDisposeScope();
        Assert.Equal(fixture.State.Keys.Order(), model.state_dict().Keys.Order());
        model.load_state_dict(fixture.State.ToDictionary(p => p.Key, p => p.Value.ToTensor()));
        var x = fixture.Input.ToTensor(requiresGrad: true);
        var (output, last) = model.forward(x);
        var outputs = new List<Tensor> { output };
        foreach (var (h, c) in last) { outputs.Add(h); outputs.Add(c); }
        Assert.Equal(fixture.Outputs.Length, outputs.Count);
        for (var k = 0; k < outputs.Count; k++) TensorAssert.Close(fixture.Outputs[k], outputs[k], 1e-5, $"{name} output {k}");

        var loss = outputs.Select((o, k) => (o * fixture.Weights[k].ToTensor()).sum()).Aggregate((a, b) => a + b);
        loss.backward();
        TensorAssert.Close(fixture.InputGrad, x.grad!, 1e-4, $"{name} input gradient");
        foreach (var (key, parameter) in model.named_parameters())
            TensorAssert.Close(fixture.ParamGrads[key], parameter.grad!, 1e-4, $"{name} gradient of {key}");
    }

    [Fact]
    public void Forward_TwoLayers_ReturnsSequenceAndStatePerLayer()
    {
        manual_seed(8);
        using var model = new ConvLstm(3, [5, 7], kernelSize: 3);
        using var scope = NewDisposeScope();
        var (output, last) = model.forward(randn([2, 6, 3, 8, 10]));
        Assert.Equal([2L, 6, 7, 8, 10], output.shape);
        Assert.Equal(2, last.Length);
        Assert.Equal([2L, 5, 8, 10], last[0].h.shape);
        Assert.Equal([2L, 7, 8, 10], last[1].c.shape);
        // The sequence's last step is the top layer's last h.
        Assert.Equal(0.0, (output.select(1, 5) - last[1].h).abs().max().item<float>(), 6);
    }

    [Fact]
    public void Forward_StepByStepWithState_EqualsWholeSequence()
    {
        manual_seed(9);
        using var model = new ConvLstm(2, 4, numLayers: 2, peephole: true);
        using var scope = NewDisposeScope();
        var x = randn([1, 5, 2, 6, 6]);
        var (whole, _) = model.forward(x);
        var (first, state) = model.forward(x.narrow(1, 0, 2));
        var (rest, _) = model.forward(x.narrow(1, 2, 3), state);
        Assert.True((cat([first, rest], 1) - whole).abs().max().item<float>() < 1e-6f);
    }

    [Fact]
    public void Forward_WrongChannelCount_NamesShapes()
    {
        using var model = new ConvLstm(3, 4);
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => model.forward(randn([1, 2, 4, 5, 5])));
        Assert.Contains("[1, 2, 4, 5, 5]", error.Message);
    }

    [Fact]
    public void Forward_ManyCalls_LiveTensorCountReturnsToBaseline()
    {
        using var model = new ConvLstm(2, 4, numLayers: 2);
        using (var warm = NewDisposeScope()) model.forward(randn([1, 3, 2, 5, 5])).output.sum().backward();
        model.zero_grad();
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var i = 0; i < 20; i++)
        {
            using var scope = NewDisposeScope();
            model.forward(randn([1, 3, 2, 5, 5])).output.sum().backward();
            model.zero_grad();
        }
        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
