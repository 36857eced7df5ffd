namespace SweepCluster.Core.Results;

/// <summary>The shape of curves.json (serialized snake_case through <see cref="TrialJson.Options"/>).</summary>
internal sealed record CurvesDocument(IReadOnlyList<CurveJsonRow> Rows);

/// <summary>One curves.json row: the key's fields flat, as in curves.csv, and the quantities by name.</summary>
internal sealed record CurveJsonRow(
    int Width, double ActNoise, double SgldNoise, double LabelNoise, double Dropout, double InputNoise, int TrainSize,
    string Mode, string Optimizer, string Activation, double LearningRate, int Epochs, int BatchSize, double Clip,
    int Depth, int NSeeds, int NFailed, IReadOnlyDictionary<string, CurveJsonQuantity> Quantities)
{
    public static CurveJsonRow From(CurveRow row)
    {
        var k = row.Key;
        // Dictionary keeps insertion order when enumerated, so the file lists quantities in column order.
        var quantities = row.Quantities.ToDictionary(
            q => q.Name, q => new CurveJsonQuantity(q.N, q.Mean, q.CiLow, q.CiHigh, q.PerSeed));
        return new CurveJsonRow(k.Width, k.ActNoise, k.SgldNoise, k.LabelNoise, k.Dropout, k.InputNoise, k.TrainSize,
            k.Mode, k.Optimizer, k.Activation, k.LearningRate, k.Epochs, k.BatchSize, k.Clip,
            row.Depth, row.NSeeds, row.NFailed, quantities);
    }

    public CurveRow ToRow()
    {
        var key = new CurveKey(Width, ActNoise, SgldNoise, LabelNoise, Dropout, InputNoise, TrainSize,
            Mode, Optimizer, Activation, LearningRate, Epochs, BatchSize, Clip);
        var quantities = Quantities
            .Select(q => new QuantitySummary(q.Key, q.Value.N, q.Value.Mean, q.Value.CiLow, q.Value.CiHigh, q.Value.PerSeed))
            .ToList();
        return new CurveRow(key, Depth, NSeeds, NFailed, quantities);
    }
}

/// <summary>One quantity of a curves.json row.</summary>
internal sealed record CurveJsonQuantity(int N, double? Mean, double? CiLow, double? CiHigh, IReadOnlyList<SeedValue> PerSeed);
