using SweepCluster.Cli;
using SweepCluster.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("sweepcluster");
    config.PropagateExceptions();
    config.AddCommand<TrialCommand>("trial")
        .WithDescription("Run one trial of a spec (the grid must name exactly one configuration and one seed).")
        .WithExample("trial", "cluster-config/sweeps/one-trial.yaml", "--json");
    config.AddCommand<MiCommand>("mi")
        .WithDescription("Estimate the mutual information of two column groups of a CSV file.")
        .WithExample("mi", "data.csv", "--x", "0", "--y", "1", "--estimator", "ksg");
});
return UserErrors.Run(() => app.Run(MiCommand.NormalizeArguments(args)));
