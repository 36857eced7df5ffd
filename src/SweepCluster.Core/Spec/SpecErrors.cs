using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SweepCluster.Core.Spec;

/// <summary>Builds the one-sentence errors of a spec file: "file:line:column: field problem; fix."</summary>
internal sealed class SpecErrors(string sourcePath)
{
    public string File { get; } = Path.GetFileName(sourcePath);

    public UserInputException At(YamlNode node, string field, string problemAndFix) => At(node.Start, field, problemAndFix);

    public UserInputException At(Mark mark, string field, string problemAndFix) =>
        new(OneLine($"{File}:{mark.Line}:{mark.Column}: {field} {problemAndFix}"));

    public UserInputException General(string problemAndFix) => new(OneLine($"{File}: {problemAndFix}"));

    /// <summary>Messages quote what the user wrote, and a quoted multi-line scalar would break the one-line
    /// message apart; control characters are therefore written as escapes.</summary>
    public static string OneLine(string message)
    {
        if (!message.Any(char.IsControl)) return message;
        var line = new StringBuilder(message.Length + 8);
        foreach (char c in message)
            line.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        return line.ToString();
    }
}
