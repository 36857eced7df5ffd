using System.Globalization;
using SweepCluster.Cli;
using SweepCluster.Cli.Commands;
using Spectre.Console.Cli;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Sessions;

var app = new CommandApp();
var words = new CommandLineWords();
app.Configure(config =>
{
    config.SetApplicationName("sweepcluster");
    config.SetApplicationVersion(BuildVersion.Text);
    config.PropagateExceptions();
    // An unknown flag is refused rather than left unread (`--device cuda:0` for --devices ran on the CPU).
    config.Settings.StrictParsing = true;
    words.Add<RunCommand>(config, "run")
        .WithDescription("Run a whole sweep in this process (coordinator and workers), with live progress.")
        .WithExample("run", "cluster-config/sweeps/quickstart.yaml");
    words.Add<ResumeCommand>(config, "resume")
        .WithDescription("Continue an interrupted sweep from its folder's journal: completed trials never run again.")
        .WithExample("resume", "runs/quickstart");
    words.Add<ReportCommand>(config, "report")
        .WithDescription("Rebuild a sweep's trials.jsonl, trials.csv, curves and plots from its journal alone.")
        .WithExample("report", "runs/quickstart");
    words.Add<StatusCommand>(config, "status")
        .WithDescription("Show a sweep's progress from its journal (done, running, failed, pending; rate and ETA while it runs) and its last verdicts, changing nothing.")
        .WithExample("status", "runs/quickstart", "--json");
    words.Add<CoordinatorCommand>(config, "coordinator")
        .WithDescription("Hold a sweep and its results as the cluster's seed node; workers join it.")
        .WithExample("coordinator", "cluster-config/sweeps/quickstart.yaml", "--out", "runs/quickstart", "--port", SweepClusterOptions.DefaultSeedPort.ToString(CultureInfo.InvariantCulture));
    words.Add<WorkerCommand>(config, "worker")
        .WithDescription("Join a coordinator and run trials on this node's slots until stopped.")
        .WithExample("worker", "--seed", $"{NodeAddresses.Loopback}:{SweepClusterOptions.DefaultSeedPort}", "--slots", "2");
    words.Add<CertsCommand>(config, "certs")
        .WithDescription("Create the cluster's CA and a certificate bundle per node, for --tls-cert (mutual TLS).")
        .WithExample("certs", "certs", "--node", "coordinator", "--node", "worker-1");
    words.Add<TrialCommand>(config, "trial")
        .WithDescription("Run one trial of a spec (the grid must name exactly one configuration and one seed).")
        .WithExample("trial", "cluster-config/sweeps/one-trial.yaml", "--json");
    words.Add<MiCommand>(config, "mi")
        .WithDescription("Estimate the mutual information of two column groups of a CSV file.")
        .WithExample("mi", "data.csv", "--x", "0", "--y", "1", "--estimator", "ksg");
});
string[] arguments = MiCommand.NormalizeArguments(args);
return UserErrors.Run(() => app.Run(arguments), () => words.Explain(arguments));
