using System.Reflection;
using Spectre.Console.Cli;
using SweepCluster.Core.Spec;

namespace SweepCluster.Cli;

/// <summary>The verbs and, per verb, the flags the command line knows, recorded as the verbs are registered, so that a
/// misspelt one is refused with the nearest known word. Spectre.Console.Cli's strict parsing decides what is unknown;
/// this only names what was probably meant.</summary>
internal sealed class CommandLineWords
{
    /// <summary>Flags Spectre.Console.Cli adds to every verb.</summary>
    private static readonly string[] BuiltInFlags = ["--help", "-h"];

    /// <summary>Flags before any verb.</summary>
    private static readonly string[] RootFlags = ["--help", "--version"];

    private readonly Dictionary<string, Type> _settingsByVerb = new(StringComparer.Ordinal);

    /// <summary>Registers <typeparamref name="TCommand"/> as <paramref name="verb"/> and records its flags.</summary>
    public ICommandConfigurator Add<TCommand>(IConfigurator config, string verb) where TCommand : class, ICommand
    {
        _settingsByVerb[verb] = SettingsOf(typeof(TCommand));
        return config.AddCommand<TCommand>(verb);
    }

    /// <summary>One sentence for a command line that strict parsing refused, naming the unknown flag or verb and the
    /// nearest known one; null when the refusal is about something else (a missing argument, a bad value).</summary>
    public string? Explain(IReadOnlyList<string> args)
    {
        if (args.Count == 0) return null;
        string verb = args[0];
        string commands = string.Join(", ", _settingsByVerb.Keys);
        if (verb.StartsWith("--", StringComparison.Ordinal))
            return RootFlags.Contains(verb) ? null : $"sweepcluster has no flag {verb} before a command{Nearest(verb, RootFlags)}; give a command first ({commands}), e.g. sweepcluster run --help.";
        if (!_settingsByVerb.TryGetValue(verb, out var settings))
            return verb.StartsWith('-') ? null : $"'{verb}' is not a sweepcluster command{Nearest(verb, _settingsByVerb.Keys)}; the commands are {commands}.";
        var flags = FlagsOf(settings);
        foreach (string argument in args.Skip(1).TakeWhile(a => a != "--"))
        {
            if (!IsFlag(argument)) continue;
            string flag = argument.Split('=', 2)[0];
            if (!flags.Contains(flag))
                return $"'{verb}' has no flag {flag}{Nearest(flag, flags)}; run 'sweepcluster {verb} --help' for its flags.";
        }
        return null;
    }

    /// <summary>" (did you mean X?)" when a known word is a few edits away; nothing when none is close enough to be a
    /// misspelling (suggesting --journal for --bogus-flag would mislead).</summary>
    private static string Nearest(string given, IEnumerable<string> known)
    {
        string nearest = NearestName.Of(given, known);
        // A one-letter flag is a few edits from every other: no suggestion for it.
        return given.Length > 2 && NearestName.Distance(given.ToLowerInvariant(), nearest) <= Math.Max(2, given.Length / 3)
            ? $" (did you mean {Quoted(nearest)}?)" : "";
    }

    /// <summary>--name or -n; not a negative number given as a value (--set clip=-1 is one word, -1 alone is not a flag).</summary>
    private static bool IsFlag(string argument) =>
        argument.Length > 1 && argument[0] == '-' && !char.IsDigit(argument[1]) && argument[1] != '.';

    private static string Quoted(string word) => word.StartsWith('-') ? word : $"'{word}'";

    private static HashSet<string> FlagsOf(Type settings) =>
        settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(property => property.GetCustomAttribute<CommandOptionAttribute>())
            .Where(option => option is not null)
            .SelectMany(option => option!.LongNames.Select(name => "--" + name).Concat(option.ShortNames.Select(name => "-" + name)))
            .Concat(BuiltInFlags)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The TSettings of the Command&lt;TSettings&gt; a verb's class derives from.</summary>
    private static Type SettingsOf(Type command)
    {
        for (var type = command; type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Command<>)) return type.GetGenericArguments()[0];
        throw new ArgumentException($"{command.Name} does not derive from Command<TSettings>.", nameof(command));
    }
}
