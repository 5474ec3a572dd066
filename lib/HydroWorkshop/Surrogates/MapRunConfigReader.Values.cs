using System.Globalization;
using HydroWorkshop.Common;
using YamlDotNet.RepresentationModel;
using static HydroWorkshop.Common.StrictYaml;

namespace HydroWorkshop.Surrogates;

// Values and key checks of the map-run config: every error names the file and line.
public static partial class MapRunConfigReader
{
    private static readonly string[] TeacherForcingKeys = ["start", "end", "decay_epochs", "decay"];

    /// <summary>0 (no coarse solver) or the coarsening factor of the coarse run, e.g. 8.</summary>
    private static int CoarseningFactor(YamlNode node, YamlContext context)
    {
        var value = Int(node, context);
        return value >= 0 ? value : throw Error(node, context, $"expected 0 (off) or a coarsening factor such as 8, got {value}");
    }

    /// <summary>Simulation ids: a list of whole numbers and ranges, e.g. [1-20] or [500, 501, 503-509].</summary>
    private static IReadOnlyList<int> Ids(YamlNode node, YamlContext context)
    {
        try
        {
            return ParseIds(List(node, context));
        }
        catch (FormatException e)
        {
            throw Error(node, context, e.Message);
        }
    }

    /// <summary>Simulation ids from items that are each a whole number or a range <c>first-last</c> (e.g. <c>500-509</c>),
    /// in the order given; what the config's <c>*_ids</c> keys and <c>hw surrogate evaluate --ids</c> take.</summary>
    /// <exception cref="FormatException">An item is neither (the message quotes it), or there is no id.</exception>
    public static IReadOnlyList<int> ParseIds(IEnumerable<string> items)
    {
        var ids = new List<int>();
        foreach (var item in items)
        {
            var parts = item.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length == 1 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)) ids.Add(id);
            else if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var first)
                && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var last) && last >= first)
                ids.AddRange(Enumerable.Range(first, last - first + 1));
            else throw new FormatException($"'{item}' is not an id or a range of ids such as 1-20");
        }
        return ids.Count > 0 ? ids : throw new FormatException("expected at least one id");
    }

    /// <summary>{ start: 1.0, end: 0.0, decay_epochs: 10, decay: linear | inverse_sigmoid }, or none.</summary>
    private static TeacherForcingSchedule TeacherForcing(YamlNode node, YamlContext context)
    {
        if (node is YamlScalarNode { Value: "none" }) return TeacherForcingSchedule.None;
        if (node is not YamlMappingNode mapping) throw Error(node, context,
            "teacher_forcing is none or { start: 1.0, end: 0.0, decay_epochs: 10, decay: linear }");
        var schedule = new TeacherForcingSchedule();
        foreach (var (key, value) in mapping.Children)
        {
            schedule = CheckKey(key, TeacherForcingKeys, "'teacher_forcing'", context) switch
            {
                "start" => schedule with { Start = Number(value, context) },
                "end" => schedule with { End = Number(value, context) },
                "decay_epochs" => schedule with { DecayEpochs = Positive(value, context) },
                _ => schedule with
                {
                    Decay = OneOf(value, context, "linear", "inverse_sigmoid") == "linear" ? TeacherForcingDecay.Linear
                        : TeacherForcingDecay.InverseSigmoid,
                },
            };
        }
        return schedule;
    }

    /// <summary>A teacher-forcing schedule as <see cref="TeacherForcing"/> reads it.</summary>
    private static YamlNode TeacherForcingNode(TeacherForcingSchedule schedule) => YamlNodes.Map(
    [
        ("start", YamlNodes.Of(schedule.Start)), ("end", YamlNodes.Of(schedule.End)), ("decay_epochs", YamlNodes.Of(schedule.DecayEpochs)),
        ("decay", YamlNodes.Of(schedule.Decay == TeacherForcingDecay.Linear ? "linear" : "inverse_sigmoid")),
    ]);
}
