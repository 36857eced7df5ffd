using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Sweep;

/// <summary>Factors configurations into templates: a configuration with every per-point number (depth, width, noise
/// levels, train size, seed) zeroed. A grid has few distinct templates however many trials it holds.</summary>
internal sealed class ConfigTemplates
{
    // Equal templates as records (the usual case: a grid point's trials share their settings) are found without
    // serializing; templates equal in value but not as records (a list read twice from JSON) meet in their text.
    private readonly Dictionary<TrialConfig, int> _byRecord = [];
    private readonly Dictionary<string, int> _byText = new(StringComparer.Ordinal);
    private readonly List<TrialConfig> _all = [];

    public IReadOnlyList<TrialConfig> All => _all;

    public int IndexOf(TrialConfig config)
    {
        var template = TemplateOf(config);
        if (_byRecord.TryGetValue(template, out int index)) return index;
        string text = TrialJson.Serialize(template);
        if (!_byText.TryGetValue(text, out index))
        {
            index = _all.Count;
            _all.Add(template);
            _byText.Add(text, index);
        }
        _byRecord.Add(template, index);
        return index;
    }

    /// <summary>The configuration with its per-point axes (<see cref="GridAxes.PerPoint"/>) and seed zeroed.</summary>
    public static TrialConfig TemplateOf(TrialConfig config) =>
        GridAxes.Zeroed(config with { Seed = 0 }, axis => axis.PointDefault is not null);
}
