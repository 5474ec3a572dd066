namespace HydroWorkshop.Physics.Vegetation;

/// <summary>Daily state and fluxes of <see cref="VegetationModel.Run"/>, every array [time, y, x] (end of day).</summary>
/// <param name="Lai">Leaf area index (m²/m²), 0 to the class maximum.</param>
/// <param name="SoilWater">Root-zone water (mm), 0 to the class capacity.</param>
/// <param name="WaterStress">Stress memory (0-1, 1 = unstressed): the running mean of the bucket's Ks.</param>
/// <param name="Evapotranspiration">Actual evapotranspiration (mm/day).</param>
/// <param name="Drainage">Water drained above capacity (mm/day).</param>
/// <param name="ReferenceEvapotranspiration">Hargreaves ET0 (mm/day).</param>
/// <param name="InitialSoilWater">Root-zone water (mm) before day 0 (after the spin-up), [y, x]: with it the water
/// balance of the whole run closes: Σ(rain − ET − drainage) = SoilWater[last] − InitialSoilWater.</param>
public sealed record VegetationModelOutput(
    float[,,] Lai, float[,,] SoilWater, float[,,] WaterStress, float[,,] Evapotranspiration, float[,,] Drainage,
    float[,,] ReferenceEvapotranspiration, float[,] InitialSoilWater);
