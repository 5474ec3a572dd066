using System.Text;

namespace HydroWorkshop.Data;

/// <summary>What a <see cref="BasinDataSet"/> loaded and skipped: nothing is dropped without a line here.</summary>
public sealed class BasinDataSetReport(string source, Period period)
{
    private readonly List<BasinSummary> basins = [];
    private readonly List<(string BasinId, string Reason)> empty = [];

    /// <summary>Per basin: stored days (period plus warm-up), windows kept, period days without any target,
    /// windows skipped for missing inputs.</summary>
    public sealed record BasinSummary(string BasinId, DateOnly Start, int Days, int Windows, int DaysWithoutTarget,
        int WindowsWithMissingInputs);

    public string Source { get; } = source;
    public Period Period { get; } = period;
    public IReadOnlyList<BasinSummary> Basins => basins;

    /// <summary>Basins that give no window, with the reason.</summary>
    public IReadOnlyList<(string BasinId, string Reason)> EmptyBasins => empty;

    public int Windows => basins.Sum(b => b.Windows);
    public int WindowsWithMissingInputs => basins.Sum(b => b.WindowsWithMissingInputs);
    public int DaysWithoutTarget => basins.Sum(b => b.DaysWithoutTarget);

    /// <summary>Bytes of the raw series as read (every variable of every loaded basin, float32).</summary>
    public long RawBytes { get; internal set; }

    internal void AddBasin(string id, DateOnly start, int days, int windows, int noTarget, int gappy) =>
        basins.Add(new BasinSummary(id, start, days, windows, noTarget, gappy));

    internal void AddEmpty(string id, string reason) => empty.Add((id, reason));

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(
            $"{Source}, {Period}: {basins.Count - empty.Count(e => basins.Any(b => b.BasinId == e.BasinId))} basins with windows, {Windows} windows; ");
        text.Append($"skipped {WindowsWithMissingInputs} windows with missing inputs and {DaysWithoutTarget} days without target");
        foreach (var (id, reason) in empty) text.Append($"\n  basin {id}: {reason}");
        return text.ToString();
    }
}
