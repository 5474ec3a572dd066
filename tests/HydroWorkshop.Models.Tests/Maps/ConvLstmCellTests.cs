using HydroWorkshop.Models.Maps;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Maps;

public sealed class ConvLstmCellTests
{
    [Fact]
    public void Constructor_Peephole_PerChannelOrPerCellShapes()
    {
        using var perChannel = new ConvLstmCell(2, 5, peephole: true);
        using var perCell = new ConvLstmCell(2, 5, peephole: true, peepholeGrid: (8, 6));
        Assert.Equal([5L, 1, 1], perChannel.weight_ci!.shape);
        Assert.Equal([5L, 8, 6], perCell.weight_co!.shape);
        Assert.Equal(["conv.bias", "conv.weight", "weight_cf", "weight_ci", "weight_co"],
            perCell.named_parameters().Select(p => p.name).Order().ToArray());
        using var plain = new ConvLstmCell(2, 5);
        Assert.Null(plain.weight_cf);
    }

    [Fact]
    public void Forward_ZeroPeepholes_EqualsCellWithoutPeepholes()
    {
        manual_seed(7);
        using var plain = new ConvLstmCell(3, 4);
        using var peep = new ConvLstmCell(3, 4, peephole: true);
        using var scope = NewDisposeScope();
        peep.load_state_dict(plain.state_dict(), strict: false);
        var x = randn(2, 3, 7, 5);
        var state = (randn(2, 4, 7, 5), randn(2, 4, 7, 5));
        var (h1, c1) = plain.forward(x, state);
        var (h2, c2) = peep.forward(x, state);
        Assert.True((h1 - h2).abs().max().item<float>() < 1e-6f, $"h differs by {(h1 - h2).abs().max().item<float>()}");
        Assert.True((c1 - c2).abs().max().item<float>() < 1e-6f, $"c differs by {(c1 - c2).abs().max().item<float>()}");
        // and a non-zero peephole changes the result
        using (no_grad()) peep.weight_cf!.fill_(1.0);
        var (h3, _) = peep.forward(x, state);
        Assert.True((h1 - h3).abs().max().item<float>() > 1e-3, $"a peephole of 1 changed h by only {(h1 - h3).abs().max().item<float>()}");
    }

    [Fact]
    public void Forward_SamePadding_KeepsGrid()
    {
        using var cell = new ConvLstmCell(1, 3, kernelSize: 5);
        using var scope = NewDisposeScope();
        var (h, c) = cell.forward(randn(4, 1, 9, 13));
        Assert.Equal([4L, 3, 9, 13], h.shape);
        Assert.Equal([4L, 3, 9, 13], c.shape);
        Assert.True(h.abs().max().item<float>() < 1);      // |o tanh(c)| < 1
    }

    [Fact]
    public void Constructor_EvenKernel_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ConvLstmCell(1, 2, kernelSize: 4));
        Assert.Contains("odd", error.Message);
    }
}
