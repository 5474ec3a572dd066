using HydroWorkshop.Models.Gridded;
using HydroWorkshop.TestSupport;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests.Gridded;

public sealed class LumpedGaugeLstmTests
{
    [Fact]
    public void Forward_RainMovedWithinBasin_SamePrediction()
    {
        // Lumped: only the basin mean counts, not where in the basin the rain falls.
        manual_seed(4);
        using var model = new LumpedGaugeLstm(1, TinyGauges.Masks(), hiddenSize: 5);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = rand([1, 6, 1, TinyGauges.Size, TinyGauges.Size]);
        var moved = x.clone();
        moved[0, 2, 0, 0, 0] += 3f;                                   // both cells in the left basin (columns 0–2)
        moved[0, 2, 0, 5, 2] -= 3f;
        Assert.True(allclose(model.forward(x), model.forward(moved), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void BasinMeans_Masks_AreaWeightedMeans()
    {
        using var model = new LumpedGaugeLstm(1, TinyGauges.Masks(), hiddenSize: 3);
        using var scope = NewDisposeScope();
        var x = zeros([1, 1, 1, TinyGauges.Size, TinyGauges.Size]);
        x[0, 0, 0, .., ..3] = tensor(2f);                              // left half 2, right half 0
        var means = model.BasinMeans(x);                                // [1, gauge, 1, 1]
        Assert.Equal(2f, means[0, 0, 0, 0].item<float>(), 5);
        Assert.Equal(0f, means[0, 1, 0, 0].item<float>(), 5);
    }
}
