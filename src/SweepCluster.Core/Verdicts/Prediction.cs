namespace SweepCluster.Core.Verdicts;

/// <summary>The predictions P1-P7 of docs/SCIENCE.md section 8, in order.</summary>
public enum Prediction
{
    BoundShape,
    DataProcessing,
    GapVersusDepth,
    TrainErrorVersusDepth,
    Validity,
    NoiseAndWidth,
    LabelNoise,
}

/// <summary>The id ("P1") and title of each <see cref="Prediction"/>.</summary>
public static class PredictionNames
{
    public static string Id(Prediction prediction) => $"P{(int)prediction + 1}";

    public static string Title(Prediction prediction) => prediction switch
    {
        Prediction.BoundShape => "bound shape: B_paper non-increasing in depth",
        Prediction.DataProcessing => "data processing: I(X;T_l) non-increasing in l",
        Prediction.GapVersusDepth => "gap vs depth: non-increasing with eta < 1",
        Prediction.TrainErrorVersusDepth => "train error vs depth: non-decreasing once I(Y;T_L) falls",
        Prediction.Validity => "validity: gap below every certified bound",
        Prediction.NoiseAndWidth => "noise and width: more noise lowers eta and B_paper, raises train error",
        Prediction.LabelNoise => "label noise raises the gap and the I(S;W) bounds",
        _ => throw new ArgumentOutOfRangeException(nameof(prediction), prediction, "No such prediction."),
    };
}
