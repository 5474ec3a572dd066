namespace HydroWorkshop.Models.Maps;

/// <summary>A map model that needs the physical scales of its inputs (e.g. to turn a scaled inflow into the volume it
/// adds); <c>Surrogates.MapTrainer</c> hands them over whenever its <c>Scales</c> are set.</summary>
public interface IUsesMapScales
{
    void UseScales(MapScales scales);
}
