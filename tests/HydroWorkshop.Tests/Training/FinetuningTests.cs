using HydroWorkshop.Checkpoints;
using HydroWorkshop.Models;
using HydroWorkshop.Training;
using Xunit;
using static TorchSharp.torch;

namespace HydroWorkshop.Tests.Training;

/// <summary>Transfer learning: a regional run pretrained on two basins, fine-tuned on a third with the LSTM frozen.</summary>
[Collection(SerialCollection.Name)]
public sealed class FinetuningTests : IDisposable
{
    private readonly SyntheticRunFolder basins = new("finetune");

    public void Dispose() => basins.Dispose();

    [Fact]
    public void Freeze_LstmPrefix_FreezesOnlyTheLstm()
    {
        using var model = new LstmRegressor(7, 0, hiddenSize: 4);
        var frozen = Finetuning.Freeze(model, ["lstm"]);
        Assert.Equal(["lstm.bias_hh_l0", "lstm.bias_ih_l0", "lstm.weight_hh_l0", "lstm.weight_ih_l0"],
            frozen.Order(StringComparer.Ordinal));
        Assert.All(model.named_parameters(),
            p => Assert.Equal(!p.name.StartsWith("lstm.", StringComparison.Ordinal), p.parameter.requires_grad));
    }

    [Fact]
    public void Freeze_UnknownPrefix_ListsTheParameterNames()
    {
        using var model = new LstmRegressor(7, 0, hiddenSize: 4);
        var e = Assert.Throws<ArgumentException>(() => Finetuning.Freeze(model, ["lstmm"]));
        Assert.Contains("'lstmm'", e.Message);
        Assert.Contains("lstm.weight_ih_l0", e.Message);
    }

    [Fact]
    public void Finetune_FrozenLstm_KeepsLstmWeightsAndTrainsTheHead()
    {
        var (pretrained, newBasin) = Pretrain();
        var config = basins.Config("finetune", "runs/finetuned", basins.BasinList("new", newBasin), """
            model:
              type: ealstm
              hidden_size: 99
            training:
              epochs: 2
              batch_size: 64
              learning_rate: 0.01
              loss: mse
            finetune:
              freeze: [lstm]
            """);
        var lines = new List<string>();
        var result = Runs.Finetune(config, pretrained, log: lines.Add);
        Assert.Equal(2, result.History.Count);
        Assert.Contains(lines, l => l.Contains("4 parameter tensors frozen"));

        using var scope = NewDisposeScope();
        var before = SafeTensors.Load(Path.Combine(pretrained, Runs.BestModelFileName)).Tensors;
        var after = SafeTensors.Load(Path.Combine(result.RunFolder!, Runs.BestModelFileName)).Tensors;
        foreach (var (name, value) in before)
        {
            if (name.StartsWith("lstm.", StringComparison.Ordinal)) Assert.True(value.allclose(after[name], rtol: 0, atol: 0),
                $"{name} changed although frozen");
            else Assert.False(value.allclose(after[name], rtol: 0, atol: 0), $"{name} did not train");
        }
        // The merged config carries the pretrained model (lstm, hidden 6), not the fine-tune file's model section.
        var merged = Runs.ReadRun(result.RunFolder!);
        Assert.Equal(("lstm", 6), (merged.Model.Type, merged.Model.HiddenSize));
        Assert.Equal(pretrained, merged.Finetune!.Pretrained);
        Assert.Single(Runs.Evaluate(result.RunFolder!, "test", _ => { }));
    }

    [Fact]
    public void Evaluate_UngaugedBasin_ScoresARegionalRunOnABasinItNeverSaw()
    {
        var (pretrained, newBasin) = Pretrain();
        var predictions = Runs.Evaluate(pretrained, "test", _ => { }, basins: [newBasin]);
        Assert.Equal(newBasin, Assert.Single(predictions).BasinId);
        Assert.Equal(366, predictions[0].Dates.Length);                            // 2004 is a leap year
        Assert.True(File.Exists(Path.Combine(pretrained, "evaluation", $"test-{newBasin}", "metrics.csv")));
    }

    [Fact]
    public void Finetune_NoPretrainedRun_SaysHowToGiveOne()
    {
        var config = basins.Config("finetune", "runs/finetuned", null, "training: {epochs: 1}\n");
        var e = Assert.Throws<FormatException>(() => Runs.Finetune(config));
        Assert.Contains("pretrained", e.Message);
    }

    [Fact]
    public void Finetune_EnsemblePretrained_EachMemberStartsFromItsOwnSeed()
    {
        var regional = basins.BasinList("regional", basins.BasinIds[0], basins.BasinIds[1]);
        var pretrain = basins.Config("pretrain-ensemble", "runs/pretrained-ensemble", regional, """
            model: {type: lstm, hidden_size: 5}
            training: {epochs: 1, batch_size: 128, seed: 7}
            ensemble: {seeds: 2}
            """);
        Runs.Train(pretrain, log: _ => { });
        var pretrained = Path.Combine(basins.Root, "runs", "pretrained-ensemble");
        var finetune = basins.Config("finetune-ensemble", "runs/finetuned-ensemble", basins.BasinList("new", basins.BasinIds[2]), """
            training: {epochs: 1, batch_size: 64, learning_rate: 1.0e-9, seed: 7}
            finetune: {pretrained: runs/pretrained-ensemble}
            ensemble: {seeds: 2}
            """);
        var lines = new List<string>();
        Runs.Train(finetune, log: lines.Add);

        Assert.Contains(lines, l => l.EndsWith("is an ensemble: fine-tuning its member seed-8", StringComparison.Ordinal));
        using var scope = NewDisposeScope();
        foreach (var seed in new[] { 7, 8 })
        {
            // At learning rate 1e-9 the fine-tuned weights stay at their start: the same-seed member's, not the other's.
            var member = Path.Combine(basins.Root, "runs", "finetuned-ensemble", $"seed-{seed}");
            Assert.Equal(Path.Combine(pretrained, $"seed-{seed}"), Runs.ReadRun(member).Finetune!.Pretrained);
            var start = SafeTensors.Load(Path.Combine(pretrained, $"seed-{seed}", Runs.BestModelFileName)).Tensors;
            var other = SafeTensors.Load(Path.Combine(pretrained, $"seed-{15 - seed}", Runs.BestModelFileName)).Tensors;
            var after = SafeTensors.Load(Path.Combine(member, Runs.BestModelFileName)).Tensors;
            Assert.All(start, p => Assert.True(p.Value.allclose(after[p.Key], rtol: 0, atol: 1e-6),
                $"seed {seed}: {p.Key} is not its pretrained member's"));
            Assert.Contains(other, p => !p.Value.allclose(after[p.Key], rtol: 0, atol: 1e-6));
        }
        Assert.Equal(2, Runs.EvaluateEnsemble(Path.Combine(basins.Root, "runs", "finetuned-ensemble"), "test", _ => { })[0].Members.Count);

        // A single fine-tune whose seed has no member is refused, naming the members.
        var single = basins.Config("finetune-single", "runs/finetuned-single", basins.BasinList("new", basins.BasinIds[2]), """
            training: {epochs: 1, seed: 3}
            finetune: {pretrained: runs/pretrained-ensemble}
            """);
        var e = Assert.Throws<ArgumentException>(() => Runs.Train(single, log: _ => { }));
        Assert.Contains("seed-7, seed-8", e.Message);
        Assert.Contains("seed-3", e.Message);
    }

    /// <summary>Trains an LSTM (hidden 6) on the first two basins; returns its folder and the third basin.</summary>
    private (string RunFolder, string NewBasin) Pretrain()
    {
        var config = basins.Config("pretrain", "runs/pretrained", basins.BasinList("regional", basins.BasinIds[0], basins.BasinIds[1]), """
            model:
              type: lstm
              hidden_size: 6
            training:
              epochs: 1
              batch_size: 128
            """);
        Runs.Train(config, log: _ => { });
        return (Path.Combine(basins.Root, "runs", "pretrained"), basins.BasinIds[2]);
    }
}
