using YamlDotNet.RepresentationModel;

namespace SweepCluster.Core.Spec;

/// <summary>Reads `seeds`: a count k (seeds 0..k-1) or a list of distinct non-negative seeds.</summary>
internal static class SeedsReader
{
    public static IReadOnlyList<int> Read(YamlNode node, SpecErrors errors)
    {
        var read = new ScalarReader(errors);
        if (node is YamlScalarNode)
            return Enumerable.Range(0, read.Integer(node, "seeds", 1, 100_000)).ToArray();
        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
            throw errors.At(node, "seeds", "must be a count such as 5 or a list such as [0, 3, 7].");
        var seeds = sequence.Children.Select(child => read.Integer(child, "seeds", 0)).ToList();
        if (seeds.Distinct().Count() != seeds.Count)
            throw errors.At(node, "seeds", "lists a seed twice; list each seed once.");
        return seeds;
    }
}
