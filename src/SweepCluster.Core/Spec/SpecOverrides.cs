using System.Globalization;

namespace SweepCluster.Core.Spec;

/// <summary>Applies `--set axis=value[,value...]` overrides (and `seed=` / `seeds=`) to a spec's grid.</summary>
public static class SpecOverrides
{
    public static SweepSpec Apply(SweepSpec spec, IEnumerable<string> assignments)
    {
        foreach (string assignment in assignments)
        {
            int equals = assignment.IndexOf('=');
            if (equals <= 0 || equals == assignment.Length - 1)
                throw new UserInputException($"--set '{assignment}' is not of the form axis=value; write for example --set depth=3.");
            string axis = assignment[..equals].Trim();
            string[] texts = assignment[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries);

            if (axis is "seed" or "seeds")
            {
                spec = spec with { Seeds = Seeds(assignment, texts) };
                continue;
            }
            if (!AxisNames.All.Contains(axis))
                throw new UserInputException(
                    $"--set '{assignment}' names no grid axis (did you mean '{NearestName.Of(axis, AxisNames.All.Append("seed"))}'?); valid axes are {string.Join(", ", AxisNames.All)} and seed.");
            var values = new List<AxisValue>();
            foreach (string text in texts)
            {
                var (value, problem) = AxisRules.Parse(axis, text);
                if (value is null) throw new UserInputException($"--set '{assignment}': {axis} {problem}; fix that value.");
                if (!values.Contains(value.Value)) values.Add(value.Value);
            }
            var grid = spec.Grid.Where(a => a.Name != axis).Append(new GridAxis(axis, values))
                .OrderBy(a => AxisNames.All.ToList().IndexOf(a.Name)).ToList();
            spec = spec with { Grid = grid };
        }
        return spec;
    }

    private static IReadOnlyList<int> Seeds(string assignment, string[] texts)
    {
        var seeds = new List<int>();
        foreach (string text in texts)
        {
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed) || seed < 0)
                throw new UserInputException($"--set '{assignment}': '{text}' is not a non-negative whole seed; write for example --set seed=0.");
            if (!seeds.Contains(seed)) seeds.Add(seed);
        }
        return seeds;
    }
}
