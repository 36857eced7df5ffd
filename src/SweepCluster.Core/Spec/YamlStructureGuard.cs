using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SweepCluster.Core.Spec;

/// <summary>Walks the YAML event stream before the representation model is built, refusing the shapes that
/// would crash or stall it rather than fail: an alias inside the node it names (the model's recursive hashing
/// overflows the stack, which no catch can stop), a list or mapping used as a key (hashed recursively, which an
/// alias chain makes exponential), and absurd nesting. It also reports an alias to no anchor at the alias
/// itself, where the model would only say "line 1". A spec needs none of these.</summary>
internal static class YamlStructureGuard
{
    private const int MaxNesting = 32;

    public static void Check(string yaml, SpecErrors errors)
    {
        var parser = new Parser(new StringReader(yaml));
        var open = new Stack<Frame>();
        var anchors = new HashSet<string>();
        Mark lastGood = Mark.Empty;
        while (MoveNext(parser, lastGood, errors))
        {
            ParsingEvent current = parser.Current!;
            lastGood = current.Start;
            bool isKey = open.TryPeek(out var parent) && parent.IsMapping && parent.ExpectKey;
            if (current is NodeEvent { Anchor.IsEmpty: false } anchored) anchors.Add(anchored.Anchor.Value);
            switch (current)
            {
                case MappingStart or SequenceStart when isKey:
                    throw errors.At(current.Start, FieldOf(open), "has a list or mapping as a key; keys must be plain words such as 'depth'.");
                case AnchorAlias alias when isKey:
                    throw errors.At(current.Start, FieldOf(open), $"uses the alias '*{alias.Value.Value}' as a key; write the key out as a plain word.");
                case AnchorAlias alias when open.Any(frame => frame.Anchor == alias.Value.Value):
                    throw errors.At(current.Start, FieldOf(open), $"uses the alias '*{alias.Value.Value}' inside the node it names; write the value out instead.");
                case AnchorAlias alias when !anchors.Contains(alias.Value.Value):
                    throw errors.At(current.Start, FieldOf(open), $"uses the alias '*{alias.Value.Value}', but no anchor '&{alias.Value.Value}' comes before it; define the anchor first or write the value out.");
                case MappingStart or SequenceStart when open.Count >= MaxNesting:
                    throw errors.At(current.Start, FieldOf(open), $"nests lists or mappings more than {MaxNesting} deep; a spec needs at most three levels.");
                case MappingStart mapping:
                    open.Push(new Frame(isMapping: true, AnchorOf(mapping)));
                    break;
                case SequenceStart sequence:
                    open.Push(new Frame(isMapping: false, AnchorOf(sequence)));
                    break;
                case MappingEnd or SequenceEnd:
                    open.Pop();
                    Completed(open, key: null);
                    break;
                case Scalar scalar:
                    Completed(open, isKey ? scalar.Value : null);
                    break;
                case AnchorAlias:
                    Completed(open, key: null);
                    break;
            }
        }
    }

    /// <summary>The scanner fails on some malformed input (an unclosed flow list, for one) with a bare
    /// InvalidOperationException that carries no position; the last event read is then the best place to point at.</summary>
    private static bool MoveNext(Parser parser, Mark lastGood, SpecErrors errors)
    {
        try
        {
            return parser.MoveNext();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw errors.At(lastGood, "the YAML",
                "is malformed at or just after this point (an unclosed '[', '{' or quote is a common cause); fix the syntax there.");
        }
    }

    /// <summary>A child node of a mapping has ended: the next one is a value if this was a key, and vice versa.</summary>
    private static void Completed(Stack<Frame> open, string? key)
    {
        if (!open.TryPeek(out var parent) || !parent.IsMapping) return;
        if (parent.ExpectKey) parent.Key = key;
        parent.ExpectKey = !parent.ExpectKey;
    }

    /// <summary>The dotted path of the value being read, e.g. "grid.depth"; a mapping waiting for its next key
    /// contributes nothing, since its last key is already done.</summary>
    private static string FieldOf(Stack<Frame> open)
    {
        var keys = open.Reverse().Where(frame => frame is { IsMapping: true, ExpectKey: false, Key: not null }).Select(frame => frame.Key!).ToList();
        return keys.Count == 0 ? "the spec" : string.Join('.', keys);
    }

    private static string? AnchorOf(NodeEvent node) => node.Anchor.IsEmpty ? null : node.Anchor.Value;

    private sealed class Frame(bool isMapping, string? anchor)
    {
        public bool IsMapping { get; } = isMapping;
        public string? Anchor { get; } = anchor;
        public bool ExpectKey { get; set; } = true;
        public string? Key { get; set; }
    }
}
