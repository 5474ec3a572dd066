using HydroWorkshop.Common;
using HydroWorkshop.Data.Synthetic;

namespace HydroWorkshop.Data;

/// <summary>
/// The workshop's front door to rainfall-runoff data: real CAMELS-US when one is found, otherwise synthetic basins
/// in the same layout, generated into a cache folder on first use (seconds). Search order:
/// <c>$HYDROWORKSHOP_CAMELS_US</c>, <c>&lt;repo&gt;/out/data/camels-us</c> (where data-scripts/download-camels-us.sh
/// puts the release), <c>camels_us</c> in the shared data folder; then the synthetic cache
/// (<c>$HYDROWORKSHOP_SYNTHETIC_CAMELS</c>, else <c>&lt;repo&gt;/out/data/synthetic-camels</c>, else a folder in the user's local app
/// data).
/// </summary>
public static class CamelsData
{
    /// <summary>The five Daymet inputs most CAMELS studies use.</summary>
    public static readonly IReadOnlyList<string> DaymetInputs = ["prcp(mm/day)", "srad(W/m2)", "tmax(C)", "tmin(C)", "vp(Pa)"];

    /// <summary>The 27 static attributes of Kratzert et al. (2019) (neuralhydrology's CAMELS-US examples).</summary>
    public static readonly IReadOnlyList<string> StandardAttributes =
    [
        "elev_mean", "slope_mean", "area_gages2", "frac_forest", "lai_max", "lai_diff", "gvf_max", "gvf_diff",
        "soil_depth_pelletier", "soil_depth_statsgo", "soil_porosity", "soil_conductivity", "max_water_content",
        "sand_frac", "silt_frac", "clay_frac", "carbonate_rocks_frac", "geol_permeability",
        "p_mean", "pet_mean", "aridity", "frac_snow", "high_prec_freq", "high_prec_dur", "low_prec_freq", "low_prec_dur", "p_seasonality",
    ];

    /// <summary>Where a real CAMELS-US release was found, or null.</summary>
    public static string? FindRealCamelsUs()
    {
        var candidates = new List<string?> { Environment.GetEnvironmentVariable("HYDROWORKSHOP_CAMELS_US") };
        if (ProjectPaths.FindRepositoryRoot() is { } repo) candidates.Add(Path.Combine(repo, "out", "data", "camels-us"));
        candidates.Add(ProjectPaths.SharedDataSet("camels_us"));
        foreach (var candidate in candidates)
        {
            if (string.IsNullOrEmpty(candidate)) continue;
            if (Directory.Exists(Path.Combine(candidate, "basin_mean_forcing"))
                || Directory.Exists(Path.Combine(candidate, SyntheticCamels.ReleaseFolder, "basin_mean_forcing")))
                return candidate;
        }
        return null;
    }

    /// <summary>The synthetic-basins cache folder (not created).</summary>
    public static string SyntheticCacheFolder() => ProjectPaths.GeneratedDataFolder("synthetic-camels", "HYDROWORKSHOP_SYNTHETIC_CAMELS");

    /// <summary>
    /// Real CAMELS-US (Daymet forcing) when found, else the synthetic basins (generated on first use into
    /// <paramref name="syntheticFolder"/>, default <see cref="SyntheticCacheFolder"/>).
    /// </summary>
    public static CamelsUs OpenDefault(string? syntheticFolder = null, SyntheticCamelsOptions? syntheticOptions = null,
        IProgress<string>? progress = null)
    {
        if (syntheticFolder is null && FindRealCamelsUs() is { } real) return CamelsUs.Open(real, ["daymet"]);
        return OpenSynthetic(syntheticFolder, syntheticOptions, progress);
    }

    /// <summary>The shared data set that notebooks fall back to when no full CAMELS-US is found: 20 years of a few
    /// basins with NLDAS forcing and the basin lists of the NWC course (<c>train_basins.txt</c>, <c>test_basins.txt</c>).</summary>
    public const string NwcSampleName = "camels_us_nwc_sample";

    /// <summary>
    /// The notebooks' data, in this order: a real CAMELS-US release (<see cref="FindRealCamelsUs"/>, Daymet forcing); else
    /// the shared NWC sample (<see cref="NwcSampleName"/>, NLDAS forcing, its own train and test basin lists); else the
    /// synthetic basins (<see cref="OpenSynthetic"/>).
    /// </summary>
    public static WorkshopCamels OpenWorkshop() => OpenWorkshop(FindRealCamelsUs(), ProjectPaths.SharedDataSet(NwcSampleName));

    /// <summary><see cref="OpenWorkshop()"/> with the candidates given: <paramref name="realCamelsUs"/> (a CAMELS-US release
    /// folder, or null), <paramref name="nwcSample"/> (the NWC sample's folder, or null) and the synthetic basins'
    /// <paramref name="syntheticFolder"/> (default <see cref="SyntheticCacheFolder"/>), generated with
    /// <paramref name="syntheticOptions"/> on first use.</summary>
    public static WorkshopCamels OpenWorkshop(string? realCamelsUs, string? nwcSample, string? syntheticFolder = null,
        SyntheticCamelsOptions? syntheticOptions = null)
    {
        if (realCamelsUs is null && nwcSample is not null)
        {
            var sample = CamelsUs.Open(nwcSample, ["nldas"]);
            return new WorkshopCamels(sample, BasinLists.Read(Path.Combine(nwcSample, "train_basins.txt")),
                BasinLists.Read(Path.Combine(nwcSample, "test_basins.txt")))
            {
                Description = $"{sample.Description}: the NWC sample, basins from its train_basins.txt and test_basins.txt",
            };
        }
        var source = realCamelsUs is not null ? CamelsUs.Open(realCamelsUs, ["daymet"]) : OpenSynthetic(syntheticFolder, syntheticOptions);
        var kind = realCamelsUs is not null ? "real CAMELS-US" : "SYNTHETIC basins (no real CAMELS-US or NWC sample found)";
        return new WorkshopCamels(source, source.BasinIds, source.BasinIds.Reverse().ToArray())
        {
            Description = $"{source.Description}: {kind}, training basins in file order, test basins from the last one back",
        };
    }

    /// <summary>The synthetic basins, generated on first use.</summary>
    public static CamelsUs OpenSynthetic(string? folder = null, SyntheticCamelsOptions? options = null, IProgress<string>? progress = null)
    {
        folder ??= SyntheticCacheFolder();
        SyntheticCamels.EnsureGenerated(folder, options, progress);
        return CamelsUs.Open(folder, ["daymet"]);
    }

    /// <summary>
    /// Training, validation and test sets of <paramref name="source"/> (default <see cref="OpenDefault"/>) with the
    /// Daymet inputs, the 27 standard attributes and discharge as target; the normalisation is fitted on the
    /// training period only. The periods default to the first 60 %, next 20 % and last 20 % of the record of the first basin
    /// (whole water years where possible).
    /// </summary>
    public static (BasinDataSet Train, BasinDataSet Validation, BasinDataSet Test) WorkshopSplits(
        IBasinSource? source = null, int sequenceLength = 365, IReadOnlyList<string>? statics = null,
            (Period Train, Period Validation, Period Test)? periods = null)
    {
        source ??= OpenDefault();
        var (train, validation, test) = periods ?? DefaultPeriods(source);
        var options = new BasinDataSetOptions
        {
            Inputs = DaymetInputs,
            Statics = statics ?? StandardAttributes,
            Period = train,
            SequenceLength = sequenceLength,
        };
        var trainSet = BasinDataSet.Create(source, options);
        return (trainSet,
            BasinDataSet.Create(source, options with { Period = validation }, trainSet.Normalisation),
            BasinDataSet.Create(source, options with { Period = test }, trainSet.Normalisation));
    }

    /// <summary>Training, validation and test periods when none are given: the first 60 %, next 20 % and last
    /// 20 % of the record of the source's first basin.</summary>
    public static (Period Train, Period Validation, Period Test) DefaultPeriods(IBasinSource source) =>
        DefaultPeriods(source.ReadBasin(source.BasinIds[0]));

    private static (Period, Period, Period) DefaultPeriods(BasinRecord record)
    {
        var days = record.Days;
        var trainEnd = record.Start.AddDays((int)(days * 0.6));
        var validationEnd = record.Start.AddDays((int)(days * 0.8));
        return (new Period(record.Start, trainEnd), new Period(trainEnd.AddDays(1), validationEnd),
            new Period(validationEnd.AddDays(1), record.End));
    }
}
