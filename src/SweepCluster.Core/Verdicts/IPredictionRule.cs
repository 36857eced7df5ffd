namespace SweepCluster.Core.Verdicts;

/// <summary>How one prediction is judged from the curves.</summary>
public interface IPredictionRule
{
    Prediction Prediction { get; }

    /// <summary>The rule in words, as report.md states it.</summary>
    string Rule { get; }

    PredictionVerdict Judge(CurveSet curves);
}
