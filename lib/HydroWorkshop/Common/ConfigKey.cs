using YamlDotNet.RepresentationModel;

namespace HydroWorkshop.Common;

/// <summary>
/// One key of a strict YAML config: how its value is read into the config record, how it is written back from the
/// record (for the run folder's copy), and one line saying what it means (for <c>hw config keys</c>). Reading, writing
/// and the help come from the same entry, so none of them can drift from what a reader accepts.
/// </summary>
/// <param name="Read">Sets the key's value on the config; errors name the file and line.</param>
/// <param name="Write">The key's value as YAML; null leaves the key out (the record holds its default, e.g. no period).</param>
/// <param name="Doc">One line: what the key does, its unit or its choices.</param>
internal sealed record ConfigKey<TConfig>(ConfigKey<TConfig>.Reader Read, Func<TConfig, YamlNode?> Write, string Doc)
{
    public delegate TConfig Reader(TConfig config, YamlNode value, YamlContext context);

    /// <summary>This key as a key of a larger config that holds a <typeparamref name="TConfig"/> (the shared training
    /// keys inside a run, map-run or gridded-run config).</summary>
    public ConfigKey<TOuter> Within<TOuter>(Func<TOuter, TConfig> get, Func<TOuter, TConfig, TOuter> set) =>
        new((outer, value, context) => set(outer, Read(get(outer), value, context)), outer => Write(get(outer)), Doc);
}

/// <summary>A section of a strict YAML config (<c>data:</c>, <c>model:</c>, ...): its keys in the order they are written.</summary>
/// <param name="Name">The section's key at the top level.</param>
/// <param name="Keys">The keys the section accepts.</param>
internal sealed record ConfigSection<TConfig>(string Name, IReadOnlyDictionary<string, ConfigKey<TConfig>> Keys)
{
    /// <summary>For a section whose presence matters (finetune: an empty section still asks for fine-tuning): what a
    /// present section sets before its keys, and whether the config has it (else the section is left out when written).</summary>
    public (Func<TConfig, TConfig> Open, Func<TConfig, bool> IsPresent)? Presence { get; init; }
}
