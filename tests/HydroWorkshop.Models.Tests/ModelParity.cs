using HydroWorkshop.TestSupport;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Tests;

/// <summary>The parity check of the kit's models against their PyTorch restatement (tests/fixtures/make_model_fixtures.py,
/// tests/fixtures/torch/models.json): PyTorch's state_dict loads by name, strictly (no key missing or left over, so the
/// parameter names are PyTorch's); in eval mode the outputs agree within 1e-5 relative, and the gradients of
/// Σ output_k·w_k with respect to the inputs and the stored parameters within 1e-4 relative.</summary>
internal static class ModelParity
{
    /// <summary>Loads the case's weights into <paramref name="model"/>, runs <paramref name="forward"/> on the case's
    /// inputs (dynamic, then statics when the case has them) and compares outputs and gradients with PyTorch's.</summary>
    public static void Check(string name, nn.Module model, Func<Tensor, Tensor?, Tensor[]> forward)
    {
        var fixture = TorchFixtures.ModelCases[name];
        var baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        using (var scope = NewDisposeScope())
        {
            Assert.Equal(fixture.State.Keys.Order(), model.state_dict().Keys.Order());
            var (missing, unexpected) = model.load_state_dict(fixture.State.ToDictionary(p => p.Key, p => p.Value.ToTensor()));
            Assert.Empty(missing);
            Assert.Empty(unexpected);
            model.eval();

            var inputs = fixture.Inputs.Select(t => t.ToTensor(requiresGrad: true)).ToArray();
            var outputs = forward(inputs[0], inputs.Length > 1 ? inputs[1] : null);
            Assert.Equal(fixture.Outputs.Length, outputs.Length);
            for (var k = 0; k < outputs.Length; k++) TensorAssert.Close(fixture.Outputs[k], outputs[k], 1e-5, 1e-6, $"{name} output {k}");

            outputs.Select((o, k) => (o * fixture.Weights![k]!.ToTensor()).sum()).Aggregate((a, b) => a + b).backward();
            for (var k = 0; k < inputs.Length; k++)
                TensorAssert.Close(fixture.Grads![k]!, inputs[k].grad!, 1e-4, 1e-5, $"{name} gradient of input {k}");
            var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            Assert.NotEmpty(fixture.ParamGrads);
            foreach (var (key, expected) in fixture.ParamGrads)
                TensorAssert.Close(expected, parameters[key].grad!, 1e-4, 1e-5, $"{name} gradient of {key}");
        }
        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    /// <summary>The outputs of a model with a Gaussian head: mean, then variance.</summary>
    public static Tensor[] Pair((Tensor Mean, Tensor Variance) distribution) => [distribution.Mean, distribution.Variance];
}
