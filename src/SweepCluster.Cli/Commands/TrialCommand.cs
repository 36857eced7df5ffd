using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using SweepCluster.Cli.Output;
using SweepCluster.Core;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Running;

namespace SweepCluster.Cli.Commands;

/// <summary>`sweepcluster trial SPEC`: runs the single trial a spec (after --set overrides) names.</summary>
internal sealed class TrialCommand : Command<TrialCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<SPEC>")]
        [Description("Sweep spec (YAML) whose grid names exactly one configuration and one seed.")]
        public string Spec { get; init; } = "";

        [CommandOption("--set <AXIS=VALUE>")]
        [Description("Override a grid axis (repeatable), e.g. --set depth=3 --set seed=1.")]
        public string[] Set { get; init; } = [];

        [CommandOption("--device <DEVICE>")]
        [Description("cpu, cuda or cuda:N (default cpu).")]
        public string Device { get; init; } = "cpu";

        [CommandOption("--threads <N>")]
        [Description("Torch threads (default: every core).")]
        public int Threads { get; init; } = Environment.ProcessorCount;

        [CommandOption("--json")]
        [Description("Print the result as one JSON object.")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        SweepSpec spec = SpecOverrides.Apply(SpecLoader.Load(settings.Spec), settings.Set, "--set");
        IReadOnlyList<PlannedTrial> trials = GridExpander.Expand(spec);
        if (trials.Count != 1)
            throw new UserInputException(
                $"{settings.Spec} names {trials.Count} trials ({SpecDescription.VaryingAxes(spec)}); 'trial' runs exactly one, so pin the others with --set axis=value, or run them all with 'sweepcluster run {settings.Spec}'.");
        if (settings.Threads < 1)
            throw new UserInputException($"--threads {settings.Threads} is not a positive count; give --threads 1 or more.");
        DeviceSelection.Resolve(settings.Device, "--device");

        PlannedTrial trial = trials[0];
        IProgress<TrialProgress>? progress = settings.Json ? null
            : new InlineProgress<TrialProgress>(p => Console.Error.WriteLine($"epoch {p.Epoch}/{p.Epochs}  loss {p.Loss:F4}"));
        TrialResult result = new TorchTrialRunner().Run(trial.Id, trial.Config, new TrialRunContext(settings.Device, settings.Threads, progress), cancellation);

        if (settings.Json) Console.WriteLine(TrialJson.Serialize(result));
        else TrialResultTable.Write(AnsiConsole.Console, result);
        return result.Status == TrialStatus.Completed ? 0 : 1;
    }
}
