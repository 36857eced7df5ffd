using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Grid;

/// <summary>Expands a spec into its trials: the cartesian product of the axes (canonical axis order, values in
/// spec order) times the seeds, each resolved into a <see cref="TrialConfig"/> and checked as a whole.</summary>
public static class GridExpander
{
    public static IReadOnlyList<PlannedTrial> Expand(SweepSpec spec)
    {
        GridSize.Check(spec); // before any expansion, so an oversized grid costs nothing
        var points = new List<IReadOnlyDictionary<string, AxisValue>> { new Dictionary<string, AxisValue>() };
        foreach (var axis in spec.Grid)
            points = points.SelectMany(point => axis.Values.Select(value =>
                (IReadOnlyDictionary<string, AxisValue>)new Dictionary<string, AxisValue>(point) { [axis.Name] = value })).ToList();

        var trials = new List<PlannedTrial>(points.Count * spec.Seeds.Count * (spec.Cmi?.Draws ?? 1));
        foreach (var point in points)
        {
            TrialConfig baseConfig = Resolve(spec, point);
            CheckCombination(spec, baseConfig);
            // One canonical serialization per point and draw, not per trial: it was most of a large grid's expansion.
            var draws = Draws(spec.Cmi).Select(draw => (Draw: draw, Ids: TrialIdentity.PerSeed(baseConfig with { Cmi = draw }))).ToList();
            foreach (int seed in spec.Seeds)
            foreach (var (draw, ids) in draws)
            {
                var config = baseConfig with { Seed = seed, Cmi = draw };
                trials.Add(new PlannedTrial(ids(seed), config));
            }
        }
        return trials;
    }

    /// <summary>The trainings of one grid point and seed: one, or every (supersample, selection) of a CMI sweep.</summary>
    private static IEnumerable<CmiDraw?> Draws(CmiSettings? cmi)
    {
        if (cmi is null)
        {
            yield return null;
            yield break;
        }
        for (int s = 0; s < cmi.Supersamples; s++)
        for (int u = 0; u < cmi.Selections; u++)
            yield return new CmiDraw(s, u);
    }

    /// <summary>The spec's settings with the point's axis values written over them; an axis the grid leaves out
    /// keeps the spec's setting, or its <see cref="AxisDefinition.PointDefault"/> for a per-point number.</summary>
    private static TrialConfig Resolve(SweepSpec spec, IReadOnlyDictionary<string, AxisValue> point)
    {
        var config = new TrialConfig
        {
            Dataset = spec.Dataset,
            Model = spec.Model,
            Training = spec.Training,
            Information = spec.Information,
            Depth = 0, Width = 0, TrainSize = 0, Seed = 0, // every per-point axis is written below
        };
        foreach (var axis in GridAxes.All)
        {
            AxisValue? value = point.TryGetValue(axis.Name, out var given) ? given : axis.PointDefault;
            if (value is { } set) config = axis.Write(config, set);
        }
        return config;
    }

    /// <summary>Rules that involve several settings at once.</summary>
    private static void CheckCombination(SweepSpec spec, TrialConfig c)
    {
        string file = Path.GetFileName(spec.SourcePath);
        string point = $"depth {c.Depth}, width {c.Width}, optimizer {c.Training.Optimizer.Word()}, sgld_noise {c.SgldNoise}, clip {c.Training.Clip}";
        if (c.Training.Optimizer == OptimizerKind.Sgld && (c.SgldNoise <= 0 || c.Training.Clip <= 0))
            throw new UserInputException(
                $"{file}: the grid point ({point}) uses optimizer sgld without update noise and a gradient clip; give grid.sgld_noise > 0 and training.clip > 0.");
        if (c.Training.Optimizer == OptimizerKind.Adam && c.SgldNoise > 0)
            throw new UserInputException(
                $"{file}: the grid point ({point}) adds sgld_noise to adam steps, which the SGLD information sum does not cover; use optimizer sgd or sgld, or set sgld_noise to 0.");
        // The loader refuses this already; a --set override of the mode axis reaches here without passing it.
        if (c.Training.Clipping == ClippingMode.PerExample && c.Training.Mode != TrainingMode.FrozenFeatures)
            throw new UserInputException(
                $"{file}: training.clipping is per_example but the grid point ({point}) has mode {c.Training.Mode.Word()}; per-example clipping needs frozen_features, so use clipping auto or mode frozen_features.");
        if (c.Training.Mode == TrainingMode.FrozenFeatures && c.Depth < 1)
            throw new UserInputException($"{file}: frozen_features needs at least one hidden layer; give depth >= 1.");
        CheckShells(file, c);
        TrialMemory.Check(file, c);
    }

    /// <summary>The shells axis, once the grid has set it: the dataset section checked dataset.shells already, but a
    /// grid or --set value reaches the configuration only here.</summary>
    private static void CheckShells(string file, TrialConfig c)
    {
        if (c.Dataset.Shells is not { } shells) return;
        bool radial = c.Dataset.Kind == DatasetKind.Synthetic && c.Dataset.Task == SyntheticTask.RadialShells;
        if (!radial)
            throw new UserInputException(
                $"{file}: the shells axis applies to 'task: radial_shells' only, not to {(c.Dataset.Kind == DatasetKind.Idx ? "idx data" : "the Gaussian mixture")}; drop grid.shells, or add 'task: radial_shells' to the dataset.");
        if (shells < c.Dataset.Classes)
            throw new UserInputException(
                $"{file}: grid.shells has {shells}, fewer than the {c.Dataset.Classes} classes, so some class would have no shell; use at least {c.Dataset.Classes}.");
    }
}
