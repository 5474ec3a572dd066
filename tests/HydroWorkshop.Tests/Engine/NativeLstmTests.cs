using System.Text.RegularExpressions;
using HydroWorkshop.Common;
using HydroWorkshop.Engine;
using HydroWorkshop.Models;
using HydroWorkshop.Models.Gridded;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Engine;

// Beside the oneDNN guard's tests, not in parallel with others: these switch oneDNN off for the whole process.
[Collection(nameof(OneDnnGuardTests))]
public class NativeLstmTests
{
    [Fact]
    public void Active_ThisProcess_WhereOneDnnIsHeldToSse41()
    {
        var isa = OneDnnGuard.ReadNative(OneDnnGuard.IsaVariable) ?? OneDnnGuard.ReadNative(OneDnnGuard.OldIsaVariable);
        Assert.Equal(OperatingSystem.IsLinux() && string.Equals(isa, OneDnnGuard.Isa, StringComparison.OrdinalIgnoreCase)
            && Environment.GetEnvironmentVariable(OneDnnGuard.Variable) != "1", NativeLstm.Active);
        if (OneDnnGuard.Applied?.Contains(OneDnnGuard.Isa, StringComparison.Ordinal) == true && OperatingSystem.IsLinux())
            Assert.True(NativeLstm.Active);                                        // the guard's hold turns it on
        Assert.Contains("LSTM: " + (NativeLstm.Active ? "libtorch's own" : "as libtorch chooses"), EngineInfo.Describe(),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(256, 16, true, false)]      // oneDNN's 2x faster (docs/articles/engine.md, "LSTM on AMD")
    [InlineData(64, 64, true, false)]       // batch x hidden 4,096: oneDNN's 1.6x faster
    [InlineData(40, 32, true, false)]
    [InlineData(256, 32, true, true)]       // libtorch's own 3.3x faster
    [InlineData(256, 64, true, true)]
    [InlineData(256, 256, true, true)]
    [InlineData(1768, 16, true, true)]      // CellLstm in notebook 06: libtorch's own 1.2-1.5x faster
    [InlineData(1768, 16, false, false)]    // predicting there: oneDNN's 1.3-2.8x faster
    [InlineData(256, 32, false, false)]     // predicting: even at hidden 32
    [InlineData(1024, 32, false, false)]    // oneDNN's 2x faster
    [InlineData(256, 64, false, true)]      // libtorch's own 1.5x faster
    public void PrefersNative_Sizes_WhereLibTorchsOwnWasFaster(long batch, long hidden, bool training, bool expected) =>
        Assert.Equal(expected, NativeLstm.PrefersNative(batch, hidden, training));

    [Fact]
    public void Use_Active_OneDnnOffInsideAndOnAfter()
    {
        if (!OneDnnIsOn()) return;                                                  // not Linux, or HW_ONEDNN=0
        var before = NativeLstm.Switches;
        WithActive(true, () =>
        {
            using (NativeLstm.Use())
            {
                Assert.Equal(false, OneDnnGuard.Enabled());
                using (NativeLstm.Use()) Assert.Equal(false, OneDnnGuard.Enabled());   // nested: the outer one restores
                Assert.Equal(false, OneDnnGuard.Enabled());
            }
            Assert.Equal(true, OneDnnGuard.Enabled());
        });
        Assert.Equal(before + 1, NativeLstm.Switches);
    }

    [Fact]
    public void Use_Inactive_LeavesOneDnnAlone()
    {
        if (!OneDnnIsOn()) return;
        var before = NativeLstm.Switches;
        WithActive(false, () =>
        {
            using (NativeLstm.Use()) Assert.Equal(true, OneDnnGuard.Enabled());
        });
        Assert.Equal(before, NativeLstm.Switches);
    }

    [Fact]
    public void Forward_Active_SameOutputStatesAndGradientsAsOneDnn()
    {
        // libtorch's own LSTM and oneDNN's: the same equations, so the same numbers to float32 rounding, forward and
        // backward (with an initial state, two layers, batch first: the shapes the kit's models use).
        if (!OneDnnIsOn()) return;
        manual_seed(11);
        using var lstm = nn.LSTM(3, 32, numLayers: 2, batchFirst: true);            // batch x hidden 8,192: switched
        using var input = randn(256, 12, 3);
        using var h0 = randn(2, 256, 32);
        using var c0 = randn(2, 256, 32);
        var oneDnn = Run(false);
        var before = NativeLstm.Switches;
        var native = Run(true);
        Assert.Equal(before + 1, NativeLstm.Switches);                              // the second run did switch
        for (var k = 0; k < oneDnn.Length; k++)
        {
            Assert.Equal(oneDnn[k].shape, native[k].shape);
            // Gradients sum 12 steps and 256 sequences: within 1e-4 of their size, plus 1e-5.
            var excess = ((oneDnn[k] - native[k]).abs() - (1e-4 * native[k].abs() + 1e-5)).max().item<float>();
            Assert.True(excess <= 0, $"result {k}: |oneDNN - native| exceeds 1e-4 |native| + 1e-5 by {excess}");
        }

        Tensor[] Run(bool active)
        {
            Tensor[] results = [];
            WithActive(active, () =>
            {
                lstm.zero_grad();
                using var x = input.detach().requires_grad_();
                var (output, hidden, cell) = NativeLstm.Forward(lstm, x, (h0, c0));
                (output.square().sum() + hidden.sum() + cell.sum()).backward();
                results = [output.detach(), hidden.detach(), cell.detach(), x.grad!.clone(),
                    .. lstm.parameters().Select(p => p.grad!.clone())];
            });
            return results;
        }
    }

    [Fact]
    public void Forward_KitModels_RunTheirLstmOnLibTorchsOwn()
    {
        if (!OneDnnIsOn()) return;
        manual_seed(5);
        using var regressor = new LstmRegressor(3, 2, hiddenSize: 64);
        using var cells = new CellLstm(2, hiddenSize: 32);
        WithActive(true, () =>
        {
            var before = NativeLstm.Switches;
            using (var scope = NewDisposeScope())
            {
                regressor.forward(randn(128, 5, 3), randn(128, 2)).sum().backward();   // batch 128 x hidden 64
                Assert.Equal(before + 1, NativeLstm.Switches);
                cells.forward(randn([2, 5, 2, 16, 16])).sum().backward();             // 512 cells x hidden 32
                Assert.Equal(before + 2, NativeLstm.Switches);
                regressor.forward(randn(4, 5, 3), randn(4, 2)).sum().backward();       // batch 4: oneDNN's is faster
                Assert.Equal(before + 2, NativeLstm.Switches);
                using (no_grad())
                {
                    regressor.forward(randn(128, 5, 3), randn(128, 2));                   // predicting at hidden 64
                    Assert.Equal(before + 3, NativeLstm.Switches);
                    cells.forward(randn([2, 5, 2, 16, 16]));                              // predicting at hidden 32
                    Assert.Equal(before + 3, NativeLstm.Switches);
                }
            }
            Assert.Equal(true, OneDnnGuard.Enabled());
        });
    }

    [Fact]
    public void Sources_LstmCalls_GoThroughNativeLstm()
    {
        // Every nn.LSTM in lib/ is called through NativeLstm.Forward, the kit's models and any added later.
        var root = ProjectPaths.FindRepositoryRoot() ?? throw new InvalidOperationException("HydroWorkshop.sln not found above the tests");
        var files = Directory.GetFiles(Path.Combine(root, "lib"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
        var lstmFiles = files.Where(f => File.ReadAllText(f).Contains("nn.LSTM(", StringComparison.Ordinal)).ToList();
        var direct = lstmFiles.SelectMany(f => File.ReadAllLines(f).Select((line, i) => (f, line, i)))
            .Where(x => DirectCall.IsMatch(x.line)).Select(x => $"{Path.GetRelativePath(root, x.f)}:{x.i + 1}").ToList();

        Assert.True(lstmFiles.Count >= 4, $"only {lstmFiles.Count} files under lib/ build an nn.LSTM");
        Assert.True(direct.Count == 0, "nn.LSTM called directly (use NativeLstm.Forward):\n" + string.Join("\n", direct));
        Assert.Matches(DirectCall, "var (output, _, _) = lstm.forward(series);");
        Assert.Matches(DirectCall, "var (y, _, _) = _lstmEncoder.call(x, state);");
        Assert.DoesNotMatch(DirectCall, "var (output, _, _) = NativeLstm.Forward(lstm, series);");
    }

    private static readonly Regex DirectCall = new(@"(?<![A-Za-z])_?lstm\w*\.(forward|call)\(", RegexOptions.IgnoreCase);

    private static bool OneDnnIsOn()
    {
        EngineInfo.EnsureLoaded();
        return OneDnnGuard.Enabled() == true;
    }

    private static void WithActive(bool active, Action action)
    {
        var before = NativeLstm.Forced;
        NativeLstm.Forced = active;
        try
        {
            action();
        }
        finally
        {
            NativeLstm.Forced = before;
        }
    }
}
