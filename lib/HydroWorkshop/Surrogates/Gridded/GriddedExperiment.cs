using HydroWorkshop.Common;
using HydroWorkshop.Data;
using HydroWorkshop.Data.Grids;
using HydroWorkshop.Evaluation;
using HydroWorkshop.Models.Gridded;
using HydroWorkshop.Physics.Vegetation;
using static TorchSharp.torch;

namespace HydroWorkshop.Surrogates.Gridded;

/// <summary>
/// What a <see cref="GriddedRunConfig"/> names, opened: the Rhine–Meuse maps, the LAI maps for climate_vegetation (the
/// kit's simulation, made once into the run folder, or a real product), the data set, the model, and how it is scored
/// (held-out gauges read out with their own masks; cells grouped by land cover).
/// </summary>
internal sealed class GriddedExperiment
{
    private readonly GriddedRunConfig config;
    private readonly RhineMeuse rhineMeuse;
    private readonly VegetationMaps? vegetation;

    private GriddedExperiment(GriddedRunConfig config, RhineMeuse rhineMeuse, VegetationMaps? vegetation) =>
        (this.config, this.rhineMeuse, this.vegetation) = (config, rhineMeuse, vegetation);

    /// <summary>The LAI simulated into the run folder (<c>lai_file: simulate</c>); on the synthetic stand-in
    /// <see cref="SimulatedStandInLaiFile"/>, so a run folder used with both sets never mixes one's LAI with the other's
    /// climate.</summary>
    public const string SimulatedLaiFile = "lai_simulated_rhine_meuse.nc", SimulatedStandInLaiFile = "lai_simulated_synthetic_stand_in.nc";

    /// <summary>Which Rhine–Meuse set is open (real, or the synthetic stand-in) and where.</summary>
    public string DataDescription => rhineMeuse.Description;

    /// <summary>Which set is open, as the run folder records it (<see cref="RhineMeuse.Source"/>).</summary>
    public string DataSource => rhineMeuse.Source;

    /// <summary>Opens the data of <paramref name="config"/>. The run folder records the set a run trained on
    /// (<see cref="GriddedRuns.DataSetFile"/>): scoring a trained run (<paramref name="training"/> false) on another set
    /// (the real one went missing and the stand-in came in, or a new stand-in version) is refused, and training again on
    /// another set simulates the LAI again instead of reusing the old set's.</summary>
    public static GriddedExperiment Open(GriddedRunConfig config, bool training)
    {
        // default: the real set, or the synthetic stand-in where it is not found (as the notebooks do).
        var rhineMeuse = config.Data.Folder != "default" ? RhineMeuse.Open(config.Data.Folder) : RhineMeuseData.OpenWorkshop();
        var recordedFile = Path.Combine(config.RunFolder, GriddedRuns.DataSetFile);
        var recorded = File.Exists(recordedFile) ? File.ReadLines(recordedFile).FirstOrDefault() : null;
        var otherSet = recorded is not null && recorded != rhineMeuse.Source;
        if (otherSet && !training)
            throw new InvalidOperationException($"{config.RunFolder} was trained on {recorded}; the data open now is " +
                $"{rhineMeuse.Description} ({rhineMeuse.Source}). Point data: folder in its {RunFolderConfig.FileName} at the set it " +
                "was trained on.");
        if (config.Data.Type == "rhine_meuse") return new GriddedExperiment(config, rhineMeuse, null);

        var laiFile = config.Data.LaiFile;
        if (laiFile == "simulate")
        {
            laiFile = Path.Combine(config.RunFolder, rhineMeuse.IsSynthetic ? SimulatedStandInLaiFile : SimulatedLaiFile);
            if (!File.Exists(laiFile) || otherSet) ClimateVegetation.Simulate(rhineMeuse, laiFile, config.Data.VegetationSeed);
        }
        else if (!File.Exists(laiFile)) throw new FileNotFoundException($"lai_file {laiFile} not found", laiFile);
        return new GriddedExperiment(config, rhineMeuse, ClimateVegetation.Read(laiFile, rhineMeuse.Network.Inside));
    }

    /// <summary>The data set the model trains on; <paramref name="scales"/>: a trained run's scales (gauges only: the
    /// vegetation scales are fitted again from the same training period, which gives the same numbers).</summary>
    public GriddedDataSet TrainingData(Normalisation? scales = null) => vegetation is null
        ? RhineMeuseGauges.DataSet(rhineMeuse, config.Data.Gauges, config.Data.TrainPeriod, scales, config.Data.StaticMaps)
        : ClimateVegetation.DataSet(rhineMeuse, vegetation, config.Data.TrainPeriod, config.Data.PhysicsEncoded,
            config.Data.StaticMaps.Contains(ClimateVegetation.LandCoverMaps));

    public nn.Module BuildModel(GriddedDataSet data)
    {
        var (channels, model) = ((int)data.Channels.size(1), config.Model);
        return model.Type switch
        {
            "convlstm_gauges" => new MapToPointRegressor(channels, RhineMeuseGauges.Masks(rhineMeuse, config.Data.Gauges), model.HiddenSize,
                model.KernelSize,
                model.HeadSize, model.RoutingBands, model.StepsPerBand, model.RoutingDays, model.Readout == "cells"),
            "lumped_lstm" => new LumpedGaugeLstm(channels, RhineMeuseGauges.Masks(rhineMeuse, config.Data.Gauges), model.HiddenSize),
            "convlstm_maps" => new MapToMapRegressor(channels, model.HiddenSize, model.KernelSize),
            "cell_lstm" => new CellLstm(channels, model.HiddenSize),
            _ => throw new ArgumentException($"unknown gridded model type '{model.Type}'"),
        };
    }

    /// <summary>Median NSE over the land cells of the rows a vegetation model must beat: the class climatology (when
    /// the file has land cover) and the process model alone (when it has simple_lai).</summary>
    private Dictionary<string, double> VegetationBaselineScores(Period period, string[] groups)
    {
        var baselines = new Dictionary<string, double>();
        double Median(GriddedPrediction p) => Metrics.Median(p.NsePerTarget().Where((_, i) => groups[i].Length > 0));
        if (vegetation!.LandCover.Any(c => c != 0))
            baselines["class climatology (land cover and season, no weather)"] =
                Median(VegetationBaselines.ClassClimatology(vegetation, rhineMeuse.Dates, config.Data.TrainPeriod, period));
        if (vegetation.ProcessLai is not null)
            baselines["process model alone"] = Median(VegetationBaselines.ProcessModel(vegetation, rhineMeuse.Dates, period));
        return baselines;
    }

    /// <summary>Scores <paramref name="model"/> on <paramref name="period"/> of <paramref name="data"/> (the set it trained on, so nothing
    /// is built twice) and writes <c>RUN_FOLDER/evaluation/&lt;name&gt;/</c>.
    /// Gauges: the trained ones and the held-out ones (the model reads those out with their own basin masks and the
    /// trained gauges' scale). Cells: every land cell, grouped by land cover.</summary>
    public GriddedScores Score(nn.Module model, GriddedDataSet data, string name, Period period)
    {
        var folder = Path.Combine(config.RunFolder, "evaluation", name);
        if (vegetation is not null)
        {
            var prediction = GriddedPrediction.Of(model, data, period);
            var groups = vegetation.LandCover.Select(c => c == 0 ? "" : ((LandCover)c).ToString()).ToArray();
            return GriddedScores.Write(name, period, prediction, groups, "lai_m2_m2", null, folder) with
            {
                Baselines = VegetationBaselineScores(period, groups),
            };
        }

        string[] gauges = [.. config.Data.Gauges, .. config.Data.HeldOutGauges];
        // The held-out gauges join the trained ones, read with the trained gauges' scale; without any, the data is the same.
        using var everyGauge = config.Data.HeldOutGauges.Count == 0 ? null
            : RhineMeuseGauges.DataSet(rhineMeuse, gauges, config.Data.TrainPeriod, data.Normalisation, config.Data.StaticMaps);
        var readOut = (Action<GaugeMasks>)(model switch
        {
            MapToPointRegressor m => m.UseGauges,
            LumpedGaugeLstm m => m.UseGauges,
            _ => throw new ArgumentException($"{model.GetType().Name} does not predict gauges"),
        });
        readOut(RhineMeuseGauges.Masks(rhineMeuse, gauges));
        try
        {
            var prediction = GriddedPrediction.Of(model, everyGauge ?? data, period);
            var groups = gauges.Select((g, i) => i < config.Data.Gauges.Count ? "trained" : "held out").ToArray();
            var areas = gauges.Select(g => rhineMeuse.Gauge(g).AreaKm2).ToArray();
            return GriddedScores.Write(name, period, prediction, groups, "mm_d", areas, folder);
        }
        finally
        {
            readOut(RhineMeuseGauges.Masks(rhineMeuse, config.Data.Gauges));
        }
    }
}
