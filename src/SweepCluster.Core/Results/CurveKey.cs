using System.Globalization;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Results;

/// <summary>What one bound-versus-depth curve holds fixed: every grid-relevant setting except depth and seed. Its
/// words are the spec's (<see cref="SpecWords"/>), as curves.csv and curves.json write them.</summary>
public sealed record CurveKey(
    int Width,
    double ActNoise,
    double SgldNoise,
    double LabelNoise,
    double Dropout,
    double InputNoise,
    int TrainSize,
    string Mode,
    string Optimizer,
    string Activation,
    double LearningRate,
    int Epochs,
    int BatchSize,
    double Clip) : IComparable<CurveKey>
{
    /// <summary>The key's column names, in the order of the record's fields (the axis names of the grid).</summary>
    public static readonly IReadOnlyList<string> ColumnNames =
    [
        AxisNames.Width, AxisNames.ActNoise, AxisNames.SgldNoise, AxisNames.LabelNoise, AxisNames.Dropout,
        AxisNames.InputNoise, AxisNames.TrainSize, AxisNames.Mode, AxisNames.Optimizer, AxisNames.Activation,
        AxisNames.LearningRate, AxisNames.Epochs, AxisNames.BatchSize, AxisNames.Clip,
    ];

    /// <summary>The curve a trial of <paramref name="config"/> belongs to.</summary>
    public static CurveKey Of(TrialConfig config) => new(
        config.Width, config.ActNoise, config.SgldNoise, config.LabelNoise, config.Dropout, config.InputNoise,
        config.TrainSize, config.Training.Mode.Word(), config.Training.Optimizer.Word(), config.Model.Activation.Word(),
        config.Training.LearningRate, config.Training.Epochs, config.Training.BatchSize, config.Training.Clip);

    /// <summary>The key's values as CSV cells, in <see cref="ColumnNames"/> order.</summary>
    public IReadOnlyList<string> Cells() =>
    [
        Width.ToString(CultureInfo.InvariantCulture), Csv.Number(ActNoise), Csv.Number(SgldNoise),
        Csv.Number(LabelNoise), Csv.Number(Dropout), Csv.Number(InputNoise),
        TrainSize.ToString(CultureInfo.InvariantCulture), Mode, Optimizer, Activation,
        Csv.Number(LearningRate), Epochs.ToString(CultureInfo.InvariantCulture),
        BatchSize.ToString(CultureInfo.InvariantCulture), Csv.Number(Clip),
    ];

    /// <summary>Field by field in declaration order; words compared ordinally, so the order is culture-free.</summary>
    public int CompareTo(CurveKey? other)
    {
        if (other is null) return 1;
        int c;
        if ((c = Width.CompareTo(other.Width)) != 0) return c;
        if ((c = ActNoise.CompareTo(other.ActNoise)) != 0) return c;
        if ((c = SgldNoise.CompareTo(other.SgldNoise)) != 0) return c;
        if ((c = LabelNoise.CompareTo(other.LabelNoise)) != 0) return c;
        if ((c = Dropout.CompareTo(other.Dropout)) != 0) return c;
        if ((c = InputNoise.CompareTo(other.InputNoise)) != 0) return c;
        if ((c = TrainSize.CompareTo(other.TrainSize)) != 0) return c;
        if ((c = string.CompareOrdinal(Mode, other.Mode)) != 0) return c;
        if ((c = string.CompareOrdinal(Optimizer, other.Optimizer)) != 0) return c;
        if ((c = string.CompareOrdinal(Activation, other.Activation)) != 0) return c;
        if ((c = LearningRate.CompareTo(other.LearningRate)) != 0) return c;
        if ((c = Epochs.CompareTo(other.Epochs)) != 0) return c;
        if ((c = BatchSize.CompareTo(other.BatchSize)) != 0) return c;
        return Clip.CompareTo(other.Clip);
    }
}
