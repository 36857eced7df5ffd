using Akka.Actor;
using SweepCluster.Cli;

namespace SweepCluster.Cli.Tests;

/// <summary>A request that runs out of time ends the command with exit code 4 and one sentence that names where the
/// request was awaited, so that a report of it can be traced without a stack trace.</summary>
public sealed class TimeoutReportTests
{
    [Fact]
    public void A_timed_out_ask_exits_4_with_one_line_naming_its_asker()
    {
        using var system = ActorSystem.Create("timeout-report", "akka.loglevel = OFF");
        var silent = system.ActorOf(Props.Create(() => new Silent()));
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        int code;
        try
        {
            code = UserErrors.Run(() => AskSilently(silent));
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Equal(UserErrors.TimeoutExitCode, code);
        string line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("an internal request ran out of time (Timeout after 0.20 seconds, awaited in SweepCluster.Cli.Tests.TimeoutReportTests.AskSilently(", line);
    }

    private static int AskSilently(IActorRef silent) => silent.Ask<int>("anyone?", TimeSpan.FromMilliseconds(200)).GetAwaiter().GetResult();

    private sealed class Silent : ReceiveActor
    {
        public Silent() => ReceiveAny(_ => { });
    }
}
