namespace SweepCluster.Core.Results;

/// <summary>The bound-versus-depth curves of one sweep, folded in one place: on a node that owns the results folder,
/// <see cref="SweepResultFiles"/> folds every ended trial once and both the curve files and the metrics read it.</summary>
public interface ICurveFeed
{
    /// <summary>Every (curve, depth) row, in key then depth order.</summary>
    IReadOnlyList<CurveRow> Rows();

    /// <summary>One row, or null when no trial of that curve and depth has ended.</summary>
    CurveRow? Row(CurveKey key, int depth);
}
