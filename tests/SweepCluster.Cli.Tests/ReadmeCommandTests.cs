using System.Text.RegularExpressions;
using SweepCluster.Tests.Shared;

namespace SweepCluster.Cli.Tests;

/// <summary>README.md's command lines cannot drift from the executable: every flag a `sweepcluster ...` line names is
/// one its command knows, and every line that is safe to run here (not a long-running cluster node) runs and exits 0:
/// an example as written, shrunk to a few trials and written to a temporary folder; a usage line (`report DIR
/// [--journal CONNECTION]`) without its optional parts and with its placeholders filled in (a small spec, a finished
/// sweep's folder, a small CSV).</summary>
public sealed partial class ReadmeCommandTests : IDisposable
{
    /// <summary>How README spells the executable before `sweepcluster` is introduced.</summary>
    private const string DotnetRun = "dotnet run --project src/SweepCluster.Cli -c Release -- ";

    /// <summary>Commands that end on their own and write only where told; coordinator and worker serve until stopped.</summary>
    private static readonly string[] RunnableVerbs = ["run", "trial", "certs", "mi", "status", "report", "resume"];

    /// <summary>Pins enough of a sweep's grid that a README example of `run` trains a handful of trials.</summary>
    private static readonly string[] Shrink = ["--set", "depth=1", "--set", "width=4", "--set", "seeds=0"];

    private readonly string _folder = Directory.CreateTempSubdirectory("readme-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Each command line of a ```bash block that starts the executable, without its comment.</summary>
    private static List<string> CommandLines()
    {
        var lines = new List<string>();
        bool inBash = false;
        foreach (string raw in File.ReadAllLines(Path.Combine(TestRepository.Root, "README.md")))
        {
            if (raw.StartsWith("```", StringComparison.Ordinal)) { inBash = raw == "```bash"; continue; }
            if (!inBash) continue;
            string line = raw.Split(" #")[0].Trim();
            if (line.StartsWith(DotnetRun, StringComparison.Ordinal)) line = "sweepcluster " + line[DotnetRun.Length..];
            if (line.StartsWith("sweepcluster ", StringComparison.Ordinal)) lines.Add(line);
        }
        return lines;
    }

    [Fact]
    public void README_has_command_lines_to_check()
    {
        var lines = CommandLines();
        Assert.True(lines.Count >= 10, string.Join("\n", lines));
        Assert.Contains(lines, line => line.StartsWith("sweepcluster run cluster-config/sweeps/quickstart.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_flag_of_a_README_command_line_is_one_its_command_knows()
    {
        var help = new Dictionary<string, string>();
        var unknown = new List<string>();
        foreach (string line in CommandLines())
        {
            string verb = line.Split(' ')[1];
            if (!help.TryGetValue(verb, out var text))
            {
                var outcome = CliProcess.Run(verb, "--help");
                Assert.True(outcome.ExitCode == 0, $"sweepcluster {verb} --help: {outcome.StdErr}");
                help[verb] = text = outcome.StdOut;
            }
            foreach (Match flag in Flag().Matches(line))
                if (!Regex.IsMatch(text, $@"(^|[\s,]){Regex.Escape(flag.Value)}[\s,]") && !IsMiShorthand(verb, flag.Value, text))
                    unknown.Add($"{flag.Value} in: {line}");
        }
        Assert.True(unknown.Count == 0, "README names flags its commands do not know:\n" + string.Join("\n", unknown));
    }

    /// <summary>`mi` takes --x, --y and --k for its -x, -y and -k.</summary>
    private static bool IsMiShorthand(string verb, string flag, string help) =>
        verb == "mi" && flag.Length == 3 && help.Contains($"-{flag[2]}, ", StringComparison.Ordinal);

    [Fact]
    public void Every_README_command_line_that_is_safe_to_run_exits_0()
    {
        var runnable = CommandLines().Select(line => (Line: line, Words: Filled(line))).Where(c => c.Words is not null).ToList();
        // The examples and each usage line of a command that ends on its own: none may silently drop out of the check.
        foreach (string verb in RunnableVerbs)
            Assert.Contains(runnable, c => c.Words![0] == verb);
        foreach (var (line, words) in runnable)
        {
            var (arguments, environment) = Runnable(words!);
            var outcome = CliProcess.RunWith(environment, arguments);
            Assert.True(outcome.ExitCode == 0, $"README's `{line}` (run as sweepcluster {string.Join(' ', arguments)}) exited {outcome.ExitCode}: {outcome.StdErr}");
        }
    }

    /// <summary>The line's arguments after `sweepcluster`, its optional [...] parts left out and its placeholders
    /// filled in; null for a command that serves until stopped, or a placeholder this test has no value for.</summary>
    private List<string>? Filled(string line)
    {
        var words = OptionalPart().Replace(line, "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        if (!RunnableVerbs.Contains(words[0])) return null;
        int columns = 0;
        for (int i = 1; i < words.Count; i++)
        {
            words[i] = words[i] switch
            {
                "SPEC" => SmallSpec,
                "DIR" => FinishedSweep(),
                "FILE.csv" => SmallCsv(),
                "COLS" => (columns++).ToString(System.Globalization.CultureInfo.InvariantCulture), // --x 0 --y 1
                var word => word,
            };
            if (Placeholder().IsMatch(words[i])) return null;
        }
        return words;
    }

    /// <summary>A spec of one quick trial, for a usage line's SPEC.</summary>
    private const string SmallSpec = "cluster-config/sweeps/one-trial.yaml";

    private string? _finishedSweep;

    /// <summary>A usage line's DIR: the folder of a finished one-trial sweep, run once for the test.</summary>
    private string FinishedSweep()
    {
        if (_finishedSweep is not null) return _finishedSweep;
        string dir = Path.Combine(_folder, "finished");
        var run = CliProcess.Run("run", SmallSpec, "--out", dir);
        Assert.True(run.ExitCode == 0, $"the sweep for README's DIR: {run.StdOut}{run.StdErr}");
        return _finishedSweep = dir;
    }

    /// <summary>A usage line's FILE.csv: two dependent numeric columns.</summary>
    private string SmallCsv()
    {
        string path = Path.Combine(_folder, "small.csv");
        var random = new Random(0);
        File.WriteAllLines(path, ["x,y", .. Enumerable.Range(0, 200).Select(_ => random.NextDouble()).Select(x =>
            FormattableString.Invariant($"{x},{x + 0.1 * random.NextDouble()}"))]);
        return path;
    }

    /// <summary>The line's arguments, with results and certificates sent to the test's folder and a sweep shrunk.</summary>
    private (string[] Arguments, Dictionary<string, string?> Environment) Runnable(List<string> words)
    {
        var environment = new Dictionary<string, string?>();
        switch (words[0])
        {
            case "run":
                words.AddRange(["--out", Path.Combine(_folder, $"run-{Guid.NewGuid():N}"), .. Shrink]);
                break;
            case "certs":
                words[1] = Path.Combine(_folder, "certs");
                environment["SWEEPCLUSTER_TLS_PASSWORD"] = "readme test password";
                break;
        }
        return ([.. words], environment);
    }

    /// <summary>An optional part of a usage line: `[--journal CONNECTION]`, `[--set axis=value ...]`.</summary>
    [GeneratedRegex(@"\s*\[[^\]]*\]")]
    private static partial Regex OptionalPart();

    [GeneratedRegex(@"--[a-z][a-z0-9-]*")]
    private static partial Regex Flag();

    /// <summary>SPEC, DIR, FILE.csv, HOST:PORT, NODE.p12: words README asks the reader to fill in.</summary>
    [GeneratedRegex(@"^[A-Z][A-Z0-9_]+([.:][A-Za-z0-9]+)?$")]
    private static partial Regex Placeholder();
}
