namespace SweepCluster.Core.Grid;

/// <summary>A trial's stable identity: a hash of its canonical configuration and seed.</summary>
public readonly record struct TrialId(string Value)
{
    public override string ToString() => Value;
}
