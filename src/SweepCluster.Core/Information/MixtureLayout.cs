namespace SweepCluster.Core.Information;

/// <summary>Which input (and optionally which class) each row of a mixture belongs to, checked once up front.</summary>
internal sealed class MixtureLayout
{
    private MixtureLayout(int[] inputOfRow, int inputs, int rowsPerInput, int[]? classOfRow, int[] inputsPerClass)
    {
        InputOfRow = inputOfRow;
        Inputs = inputs;
        RowsPerInput = rowsPerInput;
        ClassOfRow = classOfRow;
        InputsPerClass = inputsPerClass;
    }

    public int[] InputOfRow { get; }
    public int Inputs { get; }
    public int RowsPerInput { get; }

    /// <summary>Dense class index (0..C-1, in order of first appearance) of each row; null when unlabelled.</summary>
    public int[]? ClassOfRow { get; }

    /// <summary>Number of distinct inputs in each class; empty when unlabelled.</summary>
    public int[] InputsPerClass { get; }

    public int Classes => InputsPerClass.Length;

    /// <param name="labels">One label per row, or one per input (the two coincide when every input has one row).</param>
    public static MixtureLayout Create(int rows, IReadOnlyList<int>? inputOf, IReadOnlyList<int>? labels = null)
    {
        if (rows < 1) throw new ArgumentException("A mixture needs at least one row.", nameof(inputOf));
        var (inputOfRow, inputs, rowsPerInput) = ResolveInputs(rows, inputOf);
        if (labels is null) return new MixtureLayout(inputOfRow, inputs, rowsPerInput, null, []);

        int[] labelOfInput = LabelOfInput(inputOfRow, inputs, labels);
        var classIndex = new Dictionary<int, int>();
        var inputsPerClass = new List<int>();
        var classOfInput = new int[inputs];
        for (int i = 0; i < inputs; i++)
        {
            if (!classIndex.TryGetValue(labelOfInput[i], out int c))
            {
                classIndex[labelOfInput[i]] = c = classIndex.Count;
                inputsPerClass.Add(0);
            }
            classOfInput[i] = c;
            inputsPerClass[c]++;
        }
        int[] classOfRow = Array.ConvertAll(inputOfRow, i => classOfInput[i]);
        return new MixtureLayout(inputOfRow, inputs, rowsPerInput, classOfRow, inputsPerClass.ToArray());
    }

    private static (int[] InputOfRow, int Inputs, int RowsPerInput) ResolveInputs(int rows, IReadOnlyList<int>? inputOf)
    {
        if (inputOf is null) return (Enumerable.Range(0, rows).ToArray(), rows, 1);
        if (inputOf.Count != rows)
            throw new ArgumentException($"inputOf has {inputOf.Count} entries but the centers have {rows} rows.", nameof(inputOf));

        int inputs = 0;
        for (int k = 0; k < rows; k++)
        {
            if (inputOf[k] < 0) throw new ArgumentException($"inputOf[{k}] = {inputOf[k]} is negative.", nameof(inputOf));
            inputs = Math.Max(inputs, inputOf[k] + 1);
        }
        var count = new int[inputs];
        for (int k = 0; k < rows; k++) count[inputOf[k]]++;
        // The estimator weighs every input by 1/N and every path by 1/M; unequal M would silently reweight inputs.
        int m = count[0];
        for (int i = 0; i < inputs; i++)
            if (count[i] != m)
                throw new ArgumentException(
                    $"Every input needs the same number of rows (noise paths): input 0 has {m}, input {i} has {count[i]}.", nameof(inputOf));
        return (inputOf.ToArray(), inputs, m);
    }

    private static int[] LabelOfInput(int[] inputOfRow, int inputs, IReadOnlyList<int> labels)
    {
        if (labels.Count == inputs) return labels.ToArray();
        if (labels.Count != inputOfRow.Length)
            throw new ArgumentException(
                $"Got {labels.Count} labels; give one per row ({inputOfRow.Length}) or one per input ({inputs}).", nameof(labels));

        var labelOfInput = new int[inputs];
        var seen = new bool[inputs];
        for (int k = 0; k < inputOfRow.Length; k++)
        {
            int i = inputOfRow[k];
            if (!seen[i]) (labelOfInput[i], seen[i]) = (labels[k], true);
            else if (labelOfInput[i] != labels[k])
                throw new ArgumentException($"Rows of input {i} carry different labels ({labelOfInput[i]} and {labels[k]}).", nameof(labels));
        }
        return labelOfInput;
    }
}
