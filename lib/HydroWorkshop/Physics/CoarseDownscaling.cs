namespace HydroWorkshop.Physics;

/// <summary>How a coarse-grid solution is brought back onto the fine grid (<see cref="BreachSimulation"/> with coarsening
/// F &gt; 1). Both keep each coarse cell's water volume within its F x F block.</summary>
public enum CoarseDownscaling
{
    /// <summary>The coarse depth repeated over the block: water stands on the high fine cells as deep as on the low ones.</summary>
    Nearest,

    /// <summary>The block's water stands at one level over the fine bed (<see cref="WaterLevelDownscaling"/>): the fine
    /// terrain decides which cells are wet, as in the bathtub downscaling of coarse flood models.</summary>
    WaterLevel,
}
