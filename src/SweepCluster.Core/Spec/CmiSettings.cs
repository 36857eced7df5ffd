namespace SweepCluster.Core.Spec;

/// <summary>The spec's cmi section: every grid point and seed becomes <see cref="Supersamples"/> x
/// <see cref="Selections"/> trainings for the conditional-MI bound (Steinke and Zakynthinou 2020; the functional
/// f-CMI of Harutyunyan et al. 2021). A supersample is 2n examples arranged as n pairs (n = train_size); a selection
/// trains on one member of every pair, chosen by a fair coin, and leaves the other as its held-out twin.</summary>
public sealed record CmiSettings
{
    /// <summary>Supersamples drawn per grid point and seed (the outer average of the bound).</summary>
    public int Supersamples { get; init; } = 5;
    /// <summary>Selections U per supersample: the samples the plug-in I(F_i; U_i) is estimated from (at least 2).</summary>
    public int Selections { get; init; } = 30;

    /// <summary>Trainings per grid point and seed.</summary>
    public int Draws => Supersamples * Selections;
}

/// <summary>The ranges the spec reader allows; the predictions a CMI trial records take one character per class.</summary>
public static class CmiLimits
{
    public const int MaxSupersamples = 1000;
    public const int MaxSelections = 1000;
    /// <summary>Classes a CMI trial can record (a prediction is one base-36 digit).</summary>
    public const int MaxClasses = 36;
}
