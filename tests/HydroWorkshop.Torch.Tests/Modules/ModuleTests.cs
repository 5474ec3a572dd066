using HydroWorkshop.Torch.Modules;
using Xunit;
using static HydroWorkshop.Torch.torch;

namespace HydroWorkshop.Torch.Tests.Modules;

public class ModuleTests
{
    private sealed class RunoffModel : Module<Tensor, Tensor>
    {
        public RunoffModel()
        {
            lstm = register_module("lstm", new LSTM(5, 8, numLayers: 2, batchFirst: true));
            head = register_module("head", new Linear(8, 1));
        }

        public LSTM lstm { get; }
        public Linear head { get; }

        public override Tensor forward(Tensor input)
        {
            var (output, _, _) = lstm.forward(input);        // [batch, time, hidden]
            return head.forward(output[.., -1]);              // [batch, 1]
        }
    }

    [Fact]
    public void StateDict_NestedModules_HasPyTorchKeysInOrder()
    {
        using var model = new RunoffModel();
        using var scope = NewDisposeScope();
        Assert.Equal(
            ["lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0",
             "lstm.weight_ih_l1", "lstm.weight_hh_l1", "lstm.bias_ih_l1", "lstm.bias_hh_l1", "head.weight", "head.bias"],
            model.state_dict().Keys);
        Assert.Equal(4 * 8 * (5 + 8 + 2) + 4 * 8 * (8 + 8 + 2) + 8 + 1, model.parameter_count());
    }

    [Fact]
    public void LoadStateDict_MissingUnexpectedAndMisshapen_NamesEveryKey()
    {
        using var model = new RunoffModel();
        using var scope = NewDisposeScope();
        var state = model.state_dict();
        state.Remove("head.bias");
        state["head.extra"] = zeros(1);
        state["head.weight"] = zeros(2, 8);
        var e = Assert.Throws<ArgumentException>(() => model.load_state_dict(state));
        Assert.Contains("missing keys: head.bias", e.Message);
        Assert.Contains("unexpected keys: head.extra", e.Message);
        Assert.Contains("head.weight: module [1, 8], given [2, 8]", e.Message);
    }

    [Fact]
    public void LoadStateDict_FromAnotherModel_GivesSameOutputs()
    {
        manual_seed(1);
        using var source = new RunoffModel();
        using var target = new RunoffModel();
        using var scope = NewDisposeScope();
        var x = randn(3, 7, 5);
        Assert.False(source.forward(x).allclose(target.forward(x)));
        target.load_state_dict(source.state_dict());
        Assert.True(source.forward(x).equal(target.forward(x)));
    }

    [Fact]
    public void Forward_WrongInputWidth_NamesModuleAndBothShapes()
    {
        using var linear = new Linear(5, 3);
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => linear.forward(ones(2, 4)));
        Assert.Contains("Linear(in_features=5, out_features=3, bias=True)", e.Message);
        Assert.Contains("[2, 4]", e.Message);
        Assert.Contains("5 features", e.Message);
    }

    [Fact]
    public void Forward_WrongRank_NamesModuleAndExpectedLayout()
    {
        using var lstm = new LSTM(5, 8, batchFirst: true);
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => lstm.forward(ones(2, 5)));
        Assert.Contains("LSTM(5, 8, batch_first=True)", e.Message);
        Assert.Contains("[2, 5]", e.Message);
        Assert.Contains("[batch, time, 5]", e.Message);
    }

    [Fact]
    public void ToString_Tree_PrintsLikePyTorch()
    {
        using var model = new RunoffModel();
        var text = model.ToString();
        Assert.Contains("RunoffModel(\n  (lstm): LSTM(5, 8, num_layers=2, batch_first=True)\n  (head): Linear(in_features=8, out_features=1, bias=True)\n)", text);
        Assert.Contains("trainable parameters", text);
    }

    [Fact]
    public void RequiresGrad_FrozenSubmodule_GetsNoGradient()
    {
        using var model = new RunoffModel();
        using var scope = NewDisposeScope();
        model.lstm.requires_grad_(false);
        model.forward(randn(2, 4, 5)).sum().backward();
        Assert.All(model.lstm.parameters(), p => Assert.Null(p.grad));
        Assert.NotNull(model.head.weight.grad);
        Assert.Equal(9, model.parameter_count());
    }

    [Fact]
    public void To_Float64_KeepsParameterObjects()
    {
        using var model = new RunoffModel();
        var before = model.parameters().ToArray();
        model.to(float64);
        Assert.Equal(before, model.parameters().ToArray());
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        Assert.All(model.parameters(), p => Assert.True(p.requires_grad));
        using var scope = NewDisposeScope();
        Assert.Equal(ScalarType.Float64, model.forward(randn([2, 3, 5], float64)).dtype);
    }

    [Fact]
    public void TrainEval_Dropout_ActiveOnlyInTraining()
    {
        using var dropout = new Dropout(0.5);
        using var scope = NewDisposeScope();
        var x = ones(1000);
        Assert.True(dropout.forward(x).eq(0.0).any().item<bool>());
        dropout.eval();
        Assert.True(dropout.forward(x).equal(x));
    }

    [Fact]
    public void Dispose_Module_FreesEveryParameter()
    {
        var baseline = Tensor.LiveCount;
        var model = new RunoffModel();
        Assert.Equal(baseline + 10, Tensor.LiveCount);
        model.Dispose();
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void Constructor_InsideDisposeScope_ParametersOutliveTheScope()
    {
        Linear linear;
        using (NewDisposeScope()) linear = new Linear(2, 2);
        using (linear)
        {
            Assert.False(linear.weight.IsDisposed);
            using var scope = NewDisposeScope();
            Assert.Equal(new long[] { 1, 2 }, linear.forward(ones(1, 2)).shape);
        }
    }

    [Fact]
    public void Init_Orthogonal_GivesOrthonormalRows()
    {
        using var scope = NewDisposeScope();
        var w = nn.init.orthogonal_(empty([4, 6]));
        Assert.True(w.matmul(w.t()).allclose(eye(4), atol: 1e-5));
    }

    [Fact]
    public void Init_XavierUniform_StaysWithinGlorotBound()
    {
        using var scope = NewDisposeScope();
        var w = nn.init.xavier_uniform_(empty([30, 20]));
        var bound = Math.Sqrt(6.0 / 50);
        Assert.True(w.abs().max().item<float>() <= bound);
        Assert.True(w.abs().max().item<float>() > 0.9 * bound);
    }
}
