namespace SweepCluster.Core.Results;

/// <summary>The per-layer numbers a curve summarizes; each is one column per hidden layer l (see <see cref="LayerQuantities"/>).</summary>
public enum LayerQuantity
{
    /// <summary>Consistent Monte-Carlo estimate of I(X;T_l) (sample propagation).</summary>
    IXT,
    /// <summary>Standard error of the consistent estimate.</summary>
    IXTSe,
    /// <summary>The consistent estimate from all its paths minus from half of them: the finite-path error left.</summary>
    IXTPathDrift,
    /// <summary>Lower bound (or estimate) of I(X;T_l) from the pairwise Bhattacharyya mixture bound.</summary>
    IXTLower,
    /// <summary>Upper bound (or estimate) of I(X;T_l) from the pairwise KL mixture bound: the raw value of layer l.</summary>
    IXTUpper,
    /// <summary>Standard error of the upper value over noise paths (0 where the pair is exact).</summary>
    IXTUpperSe,
    /// <summary>min over l' &lt;= l of the upper values: still an upper bound by data processing.</summary>
    IXTUpperDpi,
    /// <summary>Point estimate of I(Y;T_l).</summary>
    IYT,
    IYTLower,
    IYTUpper,
    EtaAnalytic,
    /// <summary>i_x_t(l) / i_x_t(l-1), ratios of the consistent estimates: not a bound.</summary>
    EtaEmpirical,
    /// <summary>The binning value of I(X;T_l) at act_noise 0: a clustering measure, not mutual information.</summary>
    BinnedIXT,
    /// <summary>The binning value of I(Y;T_l) at act_noise 0: a clustering measure, not mutual information.</summary>
    BinnedIYT,
}
