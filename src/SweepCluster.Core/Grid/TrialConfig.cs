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
    /// <summary>Which supersample and selection of a CMI sweep this training is; null outside one. Left out of the
    /// JSON (and so of the trial id) when null, so sweeps without a cmi section keep their ids.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public CmiDraw? Cmi { get; init; }
}

/// <summary>One training of a CMI sweep: supersample s (2n examples as n pairs, drawn with the trial seed and s) and
/// selection u (which member of every pair is trained on, drawn with the seed, s and u).</summary>
public sealed record CmiDraw(int Supersample, int Selection);
