using YamlDotNet.RepresentationModel;

namespace SweepCluster.Core.Spec;

/// <summary>Builds the one-sentence errors of a spec file: "file:line:column: field problem; fix."</summary>
internal sealed class SpecErrors(string sourcePath)
{
    public string File { get; } = Path.GetFileName(sourcePath);

    public UserInputException At(YamlNode node, string field, string problemAndFix) =>
        new($"{File}:{node.Start.Line}:{node.Start.Column}: {field} {problemAndFix}");

    public UserInputException General(string problemAndFix) => new($"{File}: {problemAndFix}");
}
