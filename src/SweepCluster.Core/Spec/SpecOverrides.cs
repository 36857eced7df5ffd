using System.Globalization;

namespace SweepCluster.Core.Spec;

/// <summary>Applies `axis=value[,value...]` overrides (and `seed=` / `seeds=`) to a spec's grid.</summary>
public static class SpecOverrides
{
    /// <param name="flag">The option the user gave the overrides with, named in each error sentence ahead of the
    /// assignment and in its example; null: the sentences name none.</param>
    /// <exception cref="UserInputException">An assignment is malformed or names a bad axis or value, in one sentence.</exception>
    public static SweepSpec Apply(SweepSpec spec, IEnumerable<string> assignments, string? flag = null)
    {
        string named = flag is null ? "" : flag + " ";
        foreach (string assignment in assignments)
        {
            int equals = assignment.IndexOf('=');
            if (equals <= 0 || equals == assignment.Length - 1)
                throw new UserInputException($"{named}'{assignment}' is not of the form axis=value; write for example {named}depth=3.");
            string axis = assignment[..equals].Trim();
            string[] texts = assignment[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries);

            if (axis is "seed" or "seeds")
            {
                spec = spec with { Seeds = Seeds(assignment, texts, named) };
                continue;
            }
            if (!AxisNames.All.Contains(axis))
                throw new UserInputException(
                    $"{named}'{assignment}' names no grid axis (did you mean '{NearestName.Of(axis, AxisNames.All.Append("seed"))}'?); valid axes are {string.Join(", ", AxisNames.All)} and seed.");
            var values = new List<AxisValue>();
            foreach (string text in texts)
            {
                var (value, problem) = AxisRules.Parse(axis, text);
                if (value is null) throw new UserInputException($"{named}'{assignment}': {axis} {problem}; fix that value.");
                if (!values.Contains(value.Value)) values.Add(value.Value);
            }
            var grid = spec.Grid.Where(a => a.Name != axis).Append(new GridAxis(axis, values))
                .OrderBy(a => AxisNames.All.ToList().IndexOf(a.Name)).ToList();
            spec = spec with { Grid = grid };
        }
        return spec;
    }

    private static IReadOnlyList<int> Seeds(string assignment, string[] texts, string named)
    {
        var seeds = new List<int>();
        foreach (string text in texts)
        {
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed) || seed < 0)
                throw new UserInputException($"{named}'{assignment}': '{text}' is not a non-negative whole seed; write for example {named}seed=0.");
            if (!seeds.Contains(seed)) seeds.Add(seed);
        }
        return seeds;
    }
}
