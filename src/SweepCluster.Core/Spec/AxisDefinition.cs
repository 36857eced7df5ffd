using SweepCluster.Core.Grid;

namespace SweepCluster.Core.Spec;

/// <summary>What values an axis takes; it decides how a value is parsed, typed, written and compared.</summary>
public enum AxisKind
{
    /// <summary>A whole number from 1 to 1000000, held as an int.</summary>
    Whole,
    /// <summary>A finite real number, held as a double.</summary>
    Real,
    /// <summary>A word of a closed vocabulary (<see cref="SpecWords"/>), held as an enum.</summary>
    Word,
}

/// <summary>One entry of <see cref="GridAxes"/>: an axis's name and kind, the values it accepts, how a trial
/// configuration holds it, and which derived keys it enters.</summary>
public sealed record AxisDefinition(
    string Name,
    AxisKind Kind,
    Func<TrialConfig, AxisValue> Read,
    Func<TrialConfig, AxisValue, TrialConfig> Write)
{
    /// <summary>A number axis, read as a double (a whole axis's int widens exactly).</summary>
    public AxisDefinition(string name, AxisKind kind, Func<TrialConfig, double> read, Func<TrialConfig, AxisValue, TrialConfig> write)
        : this(name, kind, c => AxisValue.Of(read(c)), write) { }

    /// <summary>A word axis over the enum <typeparamref name="T"/>.</summary>
    public static AxisDefinition OfWord<T>(string name, Func<TrialConfig, T> read, Func<TrialConfig, T, TrialConfig> write)
        where T : struct, Enum =>
        new(name, AxisKind.Word, c => AxisValue.Of(read(c).Word()), (c, v) => write(c, SpecWords.Parse<T>(v.Text!)))
        {
            Words = SpecWords.All<T>(),
        };

    /// <summary>Non-null for an axis a grid point sets itself (depth, width, noise levels, train size): the value a
    /// trial takes when the grid leaves the axis out. Null for a setting axis, whose default is the spec's section.</summary>
    public AxisValue? PointDefault { get; init; }

    /// <summary>A per-point axis's short property name in a snapshot row (<see cref="Sweep.SnapshotTrial"/>); rows are
    /// written by the million, so two letters, and a real axis at zero is left out.</summary>
    public string? SnapshotName { get; init; }

    /// <summary>Whether trials that differ in this axis may still train together as one pack (see
    /// <see cref="TrialPacking"/>): true for the noise levels, which each packed trial draws on its own.</summary>
    public bool VariesInPack { get; init; }

    /// <summary>A real axis's range rule: the problem with a value (given with its text), or null when it is in range.</summary>
    public Func<double, string, string?>? Refuse { get; init; }

    /// <summary>A real axis's upper limit (<see cref="NumberLimits"/>), or null when its range rule bounds it already.</summary>
    public double? Max { get; init; }

    /// <summary>A word axis's vocabulary, in declaration order.</summary>
    public IReadOnlyList<string>? Words { get; init; }

    /// <summary>The value as its configuration types it: an int, a double or the spec's word.</summary>
    public object Typed(TrialConfig config)
    {
        var value = Read(config);
        return Kind switch
        {
            AxisKind.Whole => (int)value.Number!.Value,
            AxisKind.Real => value.Number!.Value,
            _ => value.Text!,
        };
    }
}
