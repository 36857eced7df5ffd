namespace SweepCluster.Core.Data;

/// <summary>A dense row-major matrix of samples: one row per sample, one column per dimension.</summary>
public sealed class SampleMatrix
{
    public SampleMatrix(int rows, int columns) : this(new double[checked(rows * columns)], rows, columns) { }

    public SampleMatrix(double[] data, int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (data.Length != rows * columns)
            throw new ArgumentException($"Expected {rows * columns} values for {rows} x {columns}, got {data.Length}.", nameof(data));
        Data = data;
        Rows = rows;
        Columns = columns;
    }

    public double[] Data { get; }
    public int Rows { get; }
    public int Columns { get; }

    public Span<double> Row(int i) => Data.AsSpan(i * Columns, Columns);
    public ReadOnlySpan<double> ReadRow(int i) => Data.AsSpan(i * Columns, Columns);

    public double this[int row, int column]
    {
        get => Data[row * Columns + column];
        set => Data[row * Columns + column] = value;
    }

    /// <summary>The rows whose indices are given, in that order.</summary>
    public SampleMatrix SelectRows(IReadOnlyList<int> indices)
    {
        var result = new SampleMatrix(indices.Count, Columns);
        for (int r = 0; r < indices.Count; r++) ReadRow(indices[r]).CopyTo(result.Row(r));
        return result;
    }

    /// <summary>The columns whose indices are given, in that order.</summary>
    public SampleMatrix SelectColumns(IReadOnlyList<int> indices)
    {
        var result = new SampleMatrix(Rows, indices.Count);
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < indices.Count; c++)
                result[r, c] = this[r, indices[c]];
        return result;
    }
}
