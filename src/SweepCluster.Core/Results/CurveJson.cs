using System.Text.Json;
using System.Text.Json.Serialization;

namespace SweepCluster.Core.Results;

/// <summary>The shape of curves.json (serialized snake_case through <see cref="TrialJson.Options"/>).</summary>
internal sealed record CurvesDocument(IReadOnlyList<CurveJsonRow> Rows);

/// <summary>One curves.json row: the key's fields flat, as in curves.csv (see <see cref="CurveJsonRowConverter"/>),
/// and the quantities by name.</summary>
[JsonConverter(typeof(CurveJsonRowConverter))]
internal sealed record CurveJsonRow(CurveKey Key, int Depth, int NSeeds, int NFailed,
    IReadOnlyDictionary<string, CurveJsonQuantity> Quantities)
{
    public static CurveJsonRow From(CurveRow row)
    {
        // Dictionary keeps insertion order when enumerated, so the file lists quantities in column order.
        var quantities = row.Quantities.ToDictionary(
            q => q.Name, q => new CurveJsonQuantity(q.N, q.Mean, q.CiLow, q.CiHigh, q.PerSeed));
        return new CurveJsonRow(row.Key, row.Depth, row.NSeeds, row.NFailed, quantities);
    }

    public CurveRow ToRow()
    {
        var quantities = Quantities
            .Select(q => new QuantitySummary(q.Key, q.Value.N, q.Value.Mean, q.Value.CiLow, q.Value.CiHigh, q.Value.PerSeed))
            .ToList();
        return new CurveRow(Key, Depth, NSeeds, NFailed, quantities);
    }
}

/// <summary>One quantity of a curves.json row.</summary>
internal sealed record CurveJsonQuantity(int N, double? Mean, double? CiLow, double? CiHigh, IReadOnlyList<SeedValue> PerSeed);
