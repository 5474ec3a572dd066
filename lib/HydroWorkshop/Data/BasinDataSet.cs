using HydroWorkshop.Common;

namespace HydroWorkshop.Data;

/// <summary>
/// Basins ready for training: inputs, targets and statics chosen by name, normalised, and an index of valid
/// windows. Each basin keeps one row-major array <c>[day, input]</c> and one <c>[day, target]</c>; a sample is
/// only (basin, end day), so windows are views into those arrays, never copies, and memory stays near the raw
/// size. Build the training set first (it fits the <see cref="Normalisation"/>), then pass that normalisation
/// to the validation and test sets.
/// </summary>
public sealed partial class BasinDataSet
{
    private readonly BasinSeries[] basins;
    private readonly int[] sampleBasin;
    private readonly int[] sampleDay;

    /// <summary>One basin's normalised arrays over the period plus warm-up.</summary>
    internal sealed class BasinSeries(string id, DateOnly start, int days, float[] inputs, float[] targets, float[] statics)
    {
        public string Id { get; } = id;
        public DateOnly Start { get; } = start;
        public int Days { get; } = days;
        /// <summary><c>[day, input]</c>, normalised.</summary>
        public float[] Inputs { get; } = inputs;
        /// <summary><c>[day, target]</c>, normalised; NaN where missing.</summary>
        public float[] Targets { get; } = targets;
        /// <summary><c>[attribute]</c>, normalised.</summary>
        public float[] Statics { get; } = statics;
    }

    private BasinDataSet(BasinDataSetOptions options, IReadOnlyList<string> inputs, IReadOnlyList<string> targets,
        Normalisation normalisation,
        BasinSeries[] basins, int[] sampleBasin, int[] sampleDay, BasinDataSetReport report)
    {
        Options = options;
        InputNames = inputs;
        TargetNames = targets;
        StaticNames = options.Statics;
        Normalisation = normalisation;
        this.basins = basins;
        this.sampleBasin = sampleBasin;
        this.sampleDay = sampleDay;
        Report = report;
    }

    public BasinDataSetOptions Options { get; }

    /// <summary>Dynamic input names as the source spells them.</summary>
    public IReadOnlyList<string> InputNames { get; }
    public IReadOnlyList<string> StaticNames { get; }
    public IReadOnlyList<string> TargetNames { get; }
    public Normalisation Normalisation { get; }

    /// <summary>What was loaded and what was skipped (and why).</summary>
    public BasinDataSetReport Report { get; }

    /// <summary>The basins with data, in order.</summary>
    public IReadOnlyList<string> BasinIds => basins.Select(b => b.Id).ToArray();

    /// <summary>Number of valid windows.</summary>
    public int Count => sampleBasin.Length;

    public int SequenceLength => Options.SequenceLength;
    public int PredictLastN => Options.PredictLastN;

    /// <summary>Features per time step of the input tensor (inputs, plus statics when concatenated).</summary>
    public int InputFeatures => InputNames.Count + (Options.ConcatenateStatics ? StaticNames.Count : 0);

    /// <summary>Bytes held by the normalised arrays.</summary>
    public long ArrayBytes => basins.Sum(b => 4L * (b.Inputs.LongLength + b.Targets.LongLength + b.Statics.LongLength)) +
        8L * sampleBasin.LongLength;

    /// <summary>The basin and the date of the last day of window <paramref name="sample"/>.</summary>
    public (string BasinId, DateOnly EndDate) SampleAt(int sample)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sample);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sample, Count);
        var basin = basins[sampleBasin[sample]];
        return (basin.Id, basin.Start.AddDays(sampleDay[sample]));
    }

    /// <summary>
    /// Loads <paramref name="options"/>'s basins from <paramref name="source"/>. With <paramref name="normalisation"/> null
    /// it is fitted on this data set's period (do that for the training set only).
    /// </summary>
    public static BasinDataSet Create(IBasinSource source, BasinDataSetOptions options, Normalisation? normalisation = null,
        IProgress<string>? progress = null, CancellationToken? cancellationToken = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var token = cancellationToken ?? WorkshopCancellation.Token;
        if (options.SequenceLength < 1) throw new ArgumentOutOfRangeException(nameof(options),
            $"SequenceLength must be at least 1 (got {options.SequenceLength})");
        if (options.PredictLastN < 1 || options.PredictLastN > options.SequenceLength)
            throw new ArgumentOutOfRangeException(nameof(options),
                $"PredictLastN must be between 1 and SequenceLength {options.SequenceLength} (got {options.PredictLastN})");
        if (options.Inputs.Count == 0) throw new ArgumentException("choose at least one input variable", nameof(options));
        var inputs = options.Inputs.Select(n => ResolveVariable(source, n, "input")).ToArray();
        var targets = (options.Targets ?? [source.DischargeName])
            .Select(n => options.RequireTargets || IsKnownVariable(source, n) ? ResolveVariable(source, n, "target") : n).ToArray();
        if (targets.Length == 0) throw new ArgumentException("choose at least one target", nameof(options));
        var basinIds = ResolveBasins(source, options.Basins);
        var statics = options.Statics.Count == 0 ? new float[basinIds.Count * 0] : source.Attributes.Values(basinIds, options.Statics);
        normalisation?.CheckMatches(inputs, options.Statics, targets);

        var report = new BasinDataSetReport(source.Description, options.Period);
        var warmUp = options.SequenceLength - 1;
        // Basins are read in parallel (parsing text dominates the load); each raw record is dropped as soon as its
        // selected variables are copied out, so only a few raw records are alive at any time.
        var results = new (BasinSeries? Series, int PeriodOffset, string? EmptyReason, long RawBytes)[basinIds.Count];
        var done = 0;
        try
        {
            Parallel.For(0, basinIds.Count, new ParallelOptions { CancellationToken = token }, b =>
            {
                var record = source.ReadBasin(basinIds[b]);
                progress?.Report($"read basin {Interlocked.Increment(ref done)}/{basinIds.Count}: {record.BasinId}");
                var first = DateOnly.FromDayNumber(Math.Max(record.Start.DayNumber, options.Period.Start.DayNumber - warmUp));
                var last = DateOnly.FromDayNumber(Math.Min(record.End.DayNumber, options.Period.End.DayNumber));
                if (last < first || last < options.Period.Start)
                {
                    results[b] = (null, 0, $"no data in {options.Period} (record {record.Start:yyyy-MM-dd}..{record.End:yyyy-MM-dd})", 0);
                    return;
                }
                var days = last.DayNumber - first.DayNumber + 1;
                var offset = record.DayOf(first);
                var x = Interleave(record, inputs, offset, days);
                var y = Interleave(record, targets, offset, days);
                var s = statics.AsSpan(b * options.Statics.Count, options.Statics.Count).ToArray();
                results[b] = (new BasinSeries(record.BasinId, first, days, x, y, s),
                    Math.Max(0, options.Period.Start.DayNumber - first.DayNumber),
                    null, 4L * record.Days * record.VariableNames.Count);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        var loaded = new List<(BasinSeries Series, int PeriodOffset)>();
        for (var b = 0; b < results.Length; b++)
        {
            var (series, periodOffset, emptyReason, rawBytes) = results[b];
            if (series is null) report.AddEmpty(basinIds[b], emptyReason!);
            else loaded.Add((series, periodOffset));
            report.RawBytes += rawBytes;
        }
        if (loaded.Count == 0)
            throw new InvalidDataException(
                $"none of the {basinIds.Count} basins has data in {options.Period}: {string.Join("; ", report.EmptyBasins.Select(e => $"{e.BasinId}: {e.Reason}"))}");

        normalisation ??= Fit(loaded, inputs, options.Statics, targets, options.Period);
        foreach (var (series, _) in loaded) Apply(series, normalisation, inputs.Length, targets.Length);

        var (sampleBasin, sampleDay) = IndexSamples(loaded, options, report);
        if (sampleBasin.Length == 0)
        {
            var longest = loaded.Max(l => l.Series.Days);
            if (options.SequenceLength > longest)
                throw new ArgumentException($"a window of {options.SequenceLength} days is longer than every record in {options.Period} " +
                    $"(longest: {longest} days including warm-up); use a shorter SequenceLength or a longer period", nameof(options));
            throw new InvalidDataException($"no valid window in {options.Period}: {report}");
        }
        return new BasinDataSet(options, inputs, targets, normalisation, loaded.Select(l => l.Series).ToArray(), sampleBasin,
            sampleDay, report);
    }

    /// <summary>Copies the named series of <paramref name="record"/> into one row-major <c>[day, variable]</c> array.</summary>
    private static float[] Interleave(BasinRecord record, IReadOnlyList<string> names, int offset, int days)
    {
        var result = new float[days * names.Count];
        for (var k = 0; k < names.Count; k++)
        {
            if (!record.Contains(names[k]))
            {
                // Only targets may be absent (RequireTargets false; inputs were resolved against the source): missing.
                for (var d = 0; d < days; d++) result[d * names.Count + k] = float.NaN;
                continue;
            }
            var column = record[names[k]];
            for (var d = 0; d < days; d++) result[d * names.Count + k] = column[offset + d];
        }
        return result;
    }

    private static bool IsKnownVariable(IBasinSource source, string name) =>
        source.VariableNames.Any(v => v.Equals(name, StringComparison.OrdinalIgnoreCase)
            || v.StartsWith(name + "(", StringComparison.OrdinalIgnoreCase));

    private static string ResolveVariable(IBasinSource source, string name, string role)
    {
        var match = source.VariableNames.FirstOrDefault(v => v.Equals(name, StringComparison.OrdinalIgnoreCase))
                    ?? source.VariableNames.FirstOrDefault(v => v.StartsWith(name + "(", StringComparison.OrdinalIgnoreCase));
        return match ?? throw new ArgumentException(
            $"unknown {role} variable '{name}' in {source.Description}; valid names: {string.Join(", ", source.VariableNames)}");
    }

    private static IReadOnlyList<string> ResolveBasins(IBasinSource source, IReadOnlyList<string>? requested)
    {
        if (requested is null) return source.BasinIds;
        var known = new HashSet<string>(source.BasinIds, StringComparer.Ordinal);
        var resolved = requested.Select(id => source is CamelsUs ? CamelsUs.NormaliseId(id) : id.Trim()).ToArray();
        var missing = resolved.Where(id => !known.Contains(id)).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException(
                $"{missing.Length} basin(s) have no time series in {source.Description}: {string.Join(", ", missing.Take(20))}" +
                $"{(missing.Length > 20 ? ", ..." : "")}; {known.Count} basins are available, e.g. {string.Join(", ", source.BasinIds.Take(5))}");
        var duplicate = resolved.GroupBy(id => id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"basin {duplicate.Key} is listed twice");
        return resolved;
    }
}
