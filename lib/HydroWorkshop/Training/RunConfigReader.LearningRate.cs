using HydroWorkshop.Common;
using YamlDotNet.RepresentationModel;
using static HydroWorkshop.Common.StrictYaml;

namespace HydroWorkshop.Training;

// training: learning_rate, shared by run configs and map-run configs (MapRunConfigReader).
public static partial class RunConfigReader
{
    /// <summary>
    /// <c>learning_rate: 0.001</c>, or an epoch → rate map <c>{1: 0.001, 20: 0.0005}</c>. Keys are epochs as the training
    /// log numbers them, from 1: epoch k and the ones after it train at key k's rate until the next key. Key 0 is read
    /// as epoch 1 (neuralhydrology's configs write it), so the map's first key must be 0 or 1: every epoch has a rate.
    /// </summary>
    internal static TrainingConfig LearningRate(TrainingConfig training, YamlNode value, YamlContext context)
    {
        if (value is not YamlMappingNode map) return training with { LearningRate = Number(value, context) };
        const string Convention =
            "learning_rate is a number or {epoch: rate} with epochs counted from 1 as the log counts them, e.g. {1: 0.001, 20: 0.0005}";
        if (map.Children.Count == 0) throw Error(value, context, $"the learning_rate map is empty; {Convention}");
        var rates = new SortedDictionary<int, double>();
        foreach (var (key, rate) in map.Children)
        {
            var epoch = Int(key, context);
            if (epoch < 0) throw Error(key, context, $"learning_rate: epoch {epoch} is negative; {Convention}");
            var number = Number(rate, context);
            if (!(number > 0) || !double.IsFinite(number)) throw Error(rate, context,
                $"learning_rate: the rate of epoch {epoch} must be positive, got {number}; {Convention}");
            rates[epoch] = number;
        }
        if (rates.ContainsKey(0) && rates.ContainsKey(1))
            throw Error(value, context, $"learning_rate: keys 0 and 1 both name epoch 1 (0 is read as 1); keep one. {Convention}");
        if (rates.Keys.First() > 1)
            throw Error(value, context,
                $"learning_rate: the first key is epoch {rates.Keys.First()}, so epochs 1 to {rates.Keys.First() - 1} have no rate; add 1: <rate>. {Convention}");
        return training with { LearningRates = rates };
    }
}
