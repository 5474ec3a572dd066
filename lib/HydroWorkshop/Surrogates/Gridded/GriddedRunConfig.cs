using HydroWorkshop.Data;
using HydroWorkshop.Models.Gridded;
using HydroWorkshop.Training;

namespace HydroWorkshop.Surrogates.Gridded;

/// <summary>Where a gridded run's maps and targets come from (the <c>data:</c> section of a gridded-run config).</summary>
public sealed record GriddedDataConfig
{
    /// <summary><c>rhine_meuse</c>: discharge at gauges from precipitation and temperature maps (notebook 05);
    /// <c>climate_vegetation</c>: a leaf-area-index map per day from the same maps (notebook 06).</summary>
    public string Type { get; init; } = "rhine_meuse";

    /// <summary>The <c>rhine_meuse_30min_grdc</c> folder; <c>default</c>: <c>$HYDROWORKSHOP_DATA</c> or <c>../shared/data</c>,
    /// else the synthetic stand-in (<see cref="HydroWorkshop.Data.Grids.RhineMeuseData.OpenWorkshop(IProgress{string})"/>).</summary>
    public string Folder { get; init; } = "default";

    /// <summary>rhine_meuse: the gauges trained on, in output order.</summary>
    public IReadOnlyList<string> Gauges { get; init; } = ["Lobith", "Basel", "Maxau", "Cochem"];

    /// <summary>rhine_meuse: gauges never trained on, scored with the trained gauges' scale (transfer).</summary>
    public IReadOnlyList<string> HeldOutGauges { get; init; } = ["Borgharen"];

    /// <summary>rhine_meuse: land-surface maps (e.g. <c>dzRel0090</c>, <c>tanslope</c>; see
    /// <see cref="HydroWorkshop.Data.Grids.RhineMeuse.LandSurfaceMap"/>) added as channels repeated every day.</summary>
    public IReadOnlyList<string> StaticMaps { get; init; } = [];

    /// <summary>climate_vegetation: a netCDF file with <c>lai</c> [time, lat, lon] (and <c>simple_lai</c>,
    /// <c>land_cover</c>) on the forcing's grid, e.g. a real LAI product; <c>simulate</c>: the kit's SIMULATED LAI,
    /// written into the run folder.</summary>
    public string LaiFile { get; init; } = "simulate";

    /// <summary>climate_vegetation with <c>lai_file: simulate</c>: the simulation's seed (disturbances, land cover).</summary>
    public int VegetationSeed { get; init; } = 1;

    /// <summary>climate_vegetation: the process model's LAI (<c>simple_lai</c>) as a third input channel.</summary>
    public bool PhysicsEncoded { get; init; }

    public Period TrainPeriod { get; init; } = new(new DateOnly(2001, 1, 1), new DateOnly(2006, 12, 31));
    public Period ValidationPeriod { get; init; } = new(new DateOnly(2007, 1, 1), new DateOnly(2008, 12, 31));
    public Period TestPeriod { get; init; } = new(new DateOnly(2009, 1, 1), new DateOnly(2010, 12, 31));
}

/// <summary>The model of a gridded run (the <c>model:</c> section).</summary>
public sealed record GriddedModelConfig
{
    /// <summary>rhine_meuse: <c>convlstm_gauges</c> (<see cref="MapToPointRegressor"/>) or <c>lumped_lstm</c>
    /// (<see cref="LumpedGaugeLstm"/>); climate_vegetation: <c>convlstm_maps</c> (<see cref="MapToMapRegressor"/>) or
    /// <c>cell_lstm</c> (<see cref="CellLstm"/>).</summary>
    public string Type { get; init; } = "convlstm_gauges";

    /// <summary>ConvLSTM hidden channels, or the LSTM's hidden size.</summary>
    public int HiddenSize { get; init; } = 16;

    /// <summary>ConvLSTM kernel (cells, odd).</summary>
    public int KernelSize { get; init; } = 3;

    /// <summary>convlstm_gauges: the hidden units of the per-gauge head.</summary>
    public int HeadSize { get; init; } = 32;

    /// <summary>convlstm_gauges: flow-distance bands, each delayed by its own learned kernel (<see cref="BandRouting"/>);
    /// 0 pools the whole basin at once.</summary>
    public int RoutingBands { get; init; }

    /// <summary>convlstm_gauges with routing: LDD steps (0.5° cells) per band.</summary>
    public int StepsPerBand { get; init; } = 3;

    /// <summary>convlstm_gauges with routing: the kernel's length in days (the longest delay is one day less).</summary>
    public int RoutingDays { get; init; } = 8;

    /// <summary>convlstm_gauges: "basin" (the head reads pooled basin features) or "cells" (the head makes each cell's
    /// runoff and a gauge gets the area-weighted mean of its upstream cells').</summary>
    public string Readout { get; init; } = "basin";

    /// <summary>The model types a data type takes.</summary>
    public static IReadOnlyList<string> TypesFor(string dataType) => dataType == "rhine_meuse"
        ? ["convlstm_gauges", "lumped_lstm"]
        : ["convlstm_maps", "cell_lstm"];
}

/// <summary>
/// A gridded run (<see cref="GriddedRunConfigReader"/> reads it, <see cref="GriddedRuns"/> runs it): the data, the
/// model, the shared training keys (<see cref="TrainingConfig"/>) and how the record is cut into windows
/// (<see cref="GriddedTrainingOptions"/>, the <c>windows:</c> section).
/// </summary>
public sealed record GriddedRunConfig
{
    public required string RunFolder { get; init; }
    public GriddedDataConfig Data { get; init; } = new();
    public GriddedModelConfig Model { get; init; } = new();
    public TrainingConfig Training { get; init; } = new() { Optimizer = "adamw", LearningRate = 3e-3, WeightDecay = 1e-4, BatchSize = 8,
        Epochs = 25, Patience = 8 };
    public GriddedTrainingOptions Windows { get; init; } = new();
}
