using System.Diagnostics;

namespace SweepCluster.Integration.Tests;

/// <summary>Polls a condition until it holds or a deadline passes (then fails with what was seen).</summary>
internal static class Eventually
{
    public static void True(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) Assert.Fail($"Not reached within {timeout.TotalSeconds:F0} s: {describe()}");
            Thread.Sleep(100);
        }
    }
}
