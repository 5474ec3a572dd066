namespace HydroWorkshop.Physics.Vegetation;

/// <summary>The water fluxes of one <see cref="SoilWaterBucket.Step"/> (all mm over the day).</summary>
/// <param name="Rain">Water in: the day's precipitation (snow is not stored apart: it enters the bucket the same day).</param>
/// <param name="Evapotranspiration">Actual evapotranspiration out of the bucket.</param>
/// <param name="Drainage">Water above capacity, lost to groundwater and runoff.</param>
/// <param name="StorageChange">End-of-day minus start-of-day storage; equals Rain − Evapotranspiration − Drainage.</param>
public readonly record struct SoilWaterFluxes(double Rain, double Evapotranspiration, double Drainage, double StorageChange);
