using System.Globalization;
using System.Reflection;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Results;

/// <summary>What one bound-versus-depth curve holds fixed: every grid-relevant setting except depth and seed
/// (<see cref="GridAxes.CurveKeyAxes"/>). Its words are the spec's (<see cref="SpecWords"/>), as curves.csv and
/// curves.json write them.</summary>
/// <remarks>The fields stay typed properties because the verdict rules and studies read and vary them by name. They
/// are the curve axes in column order, each named as its axis in PascalCase; everything else (columns, cells, order,
/// <see cref="Of"/>) comes from the axis table, and <see cref="Fields"/> refuses a field list that does not match it.</remarks>
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
    double Clip,
    int Shells) : IComparable<CurveKey>
{
    private static readonly IReadOnlyList<AxisDefinition> Axes = GridAxes.CurveKeyAxes;
    private static readonly (ConstructorInfo Constructor, PropertyInfo[] Properties) Fields = MatchFields();

    /// <summary>The key's column names, in the order of the record's fields (the axis names of the grid).</summary>
    public static readonly IReadOnlyList<string> ColumnNames = Axes.Select(axis => axis.Name).ToList();

    /// <summary>The field types (int, double or string), in <see cref="ColumnNames"/> order.</summary>
    internal static IReadOnlyList<Type> ColumnTypes => Fields.Properties.Select(p => p.PropertyType).ToList();

    /// <summary>The curve a trial of <paramref name="config"/> belongs to.</summary>
    public static CurveKey Of(TrialConfig config) => FromValues(Axes.Select(axis => axis.Typed(config)));

    /// <summary>The key whose fields are <paramref name="values"/> (int, double or string by axis kind), in
    /// <see cref="ColumnNames"/> order.</summary>
    public static CurveKey FromValues(IEnumerable<object> values) => (CurveKey)Fields.Constructor.Invoke(values.ToArray());

    /// <summary>The key's fields, in <see cref="ColumnNames"/> order.</summary>
    public IReadOnlyList<object> Values() => Fields.Properties.Select(p => p.GetValue(this)!).ToList();

    /// <summary>The key's values as CSV cells, in <see cref="ColumnNames"/> order.</summary>
    public IReadOnlyList<string> Cells() => Values().Select(value => value switch
    {
        int whole => whole.ToString(CultureInfo.InvariantCulture),
        double real => Csv.Number(real),
        _ => (string)value,
    }).ToList();

    /// <summary>Field by field in column order; words compared ordinally, so the order is culture-free.</summary>
    public int CompareTo(CurveKey? other)
    {
        if (other is null) return 1;
        foreach (var property in Fields.Properties)
        {
            int c = (property.GetValue(this), property.GetValue(other)) switch
            {
                (int a, int b) => a.CompareTo(b),
                (double a, double b) => a.CompareTo(b),
                (var a, var b) => string.CompareOrdinal((string)a!, (string)b!),
            };
            if (c != 0) return c;
        }
        return 0;
    }

    /// <summary>The positional constructor and the properties, checked against the curve axes: same count, order,
    /// names and types, so a field added to one and not the other fails the first use instead of shifting columns.</summary>
    private static (ConstructorInfo, PropertyInfo[]) MatchFields()
    {
        var constructor = typeof(CurveKey).GetConstructors().Single(c => c.GetParameters().Length == Axes.Count);
        var parameters = constructor.GetParameters();
        var properties = new PropertyInfo[Axes.Count];
        for (int i = 0; i < Axes.Count; i++)
        {
            string name = string.Concat(Axes[i].Name.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
            var type = Axes[i].Kind switch { AxisKind.Whole => typeof(int), AxisKind.Real => typeof(double), _ => typeof(string) };
            if (parameters[i].Name != name || parameters[i].ParameterType != type)
                throw new InvalidOperationException($"CurveKey's field {i} is {parameters[i].Name}, but the curve axis there is {Axes[i].Name} ({type.Name} {name}).");
            properties[i] = typeof(CurveKey).GetProperty(name)!;
        }
        return (constructor, properties);
    }
}
