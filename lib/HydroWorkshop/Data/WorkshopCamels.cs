namespace HydroWorkshop.Data;

/// <summary>
/// The rainfall-runoff data a notebook uses (<see cref="CamelsData.OpenWorkshop()"/>) and the basins to train and to test
/// on. With the shared NWC sample the basins are its own <c>train_basins.txt</c> and <c>test_basins.txt</c>; otherwise
/// every basin in file order for training and the same basins from the last one back for testing, so that a notebook's
/// first few training basins and its first test basins do not overlap.
/// </summary>
public sealed record WorkshopCamels(CamelsUs Source, IReadOnlyList<string> TrainBasins, IReadOnlyList<string> TestBasins)
{
    /// <summary>Which data set this is and where its basin lists come from, for a notebook's first output.</summary>
    public string Description { get; init; } = Source.Description;

    public override string ToString() => Description;
}
