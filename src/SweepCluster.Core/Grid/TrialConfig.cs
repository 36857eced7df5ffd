using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Grid;

/// <summary>One fully resolved trial configuration: every fixed setting with the grid point's axis values
/// applied, plus the seed. Its canonical form (see <see cref="TrialId"/>) identifies the trial.</summary>
public sealed record TrialConfig
{
    public required DatasetSettings Dataset { get; init; }
    public required ModelSettings Model { get; init; }
    public required TrainingSettings Training { get; init; }
    public required InformationSettings Information { get; init; }
    public required int Depth { get; init; }
    public required int Width { get; init; }
    public double ActNoise { get; init; }
    public double SgldNoise { get; init; }
    public double LabelNoise { get; init; }
    public double Dropout { get; init; }
    public double InputNoise { get; init; }
    public required int TrainSize { get; init; }
    public required int Seed { get; init; }
}
