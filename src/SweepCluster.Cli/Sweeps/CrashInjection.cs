using System.Diagnostics;
using System.Globalization;

namespace SweepCluster.Cli.Sweeps;

/// <summary>For crash tests only: SWEEPCLUSTER_CRASH_AFTER_PERSISTED=N kills this process with SIGKILL right after
/// the journal has taken the Nth ended trial of this run and before trials.jsonl has: the narrowest window in which a
/// crash could lose or double a result. Unset, it does nothing.</summary>
internal static class CrashInjection
{
    public const string Variable = "SWEEPCLUSTER_CRASH_AFTER_PERSISTED";

    private static readonly int? _afterPersisted =
        int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : null;

    public static void OnPersisted(int endedThisRun)
    {
        if (endedThisRun == _afterPersisted) Process.GetCurrentProcess().Kill();
    }
}
