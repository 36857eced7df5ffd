namespace SweepCluster.Core.Spec;

/// <summary>Suggests the valid name closest to a misspelt one (Levenshtein distance).</summary>
public static class NearestName
{
    public static string Of(string given, IEnumerable<string> valid) =>
        valid.MinBy(candidate => Distance(given.ToLowerInvariant(), candidate))!;

    /// <summary>Levenshtein distance: the edits (insert, delete, replace one character) that turn a into b.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
