namespace HydroWorkshop.Surrogates;

/// <summary>A map model that needs the physical scales of its inputs (e.g. to turn a scaled inflow into the volume it
/// adds); <see cref="MapTrainer"/> hands them over whenever its <see cref="MapTrainer.Scales"/> are set.</summary>
public interface IUsesMapScales
{
    void UseScales(MapScales scales);
}
