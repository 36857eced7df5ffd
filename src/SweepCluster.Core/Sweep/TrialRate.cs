namespace SweepCluster.Core.Sweep;

/// <summary>Trials ended per minute over a sliding window of (time, ended count) samples.</summary>
internal sealed class TrialRate(TimeSpan window)
{
    private readonly Queue<(DateTime At, int Ended)> _samples = new();

    /// <summary>Adds a sample and returns the rate over the window it spans (0 until two samples span time).</summary>
    public double Add(DateTime at, int ended)
    {
        _samples.Enqueue((at, ended));
        while (_samples.Count > 2 && at - _samples.Peek().At > window) _samples.Dequeue();
        var (firstAt, firstEnded) = _samples.Peek();
        var minutes = (at - firstAt).TotalMinutes;
        return minutes > 0 ? (ended - firstEnded) / minutes : 0;
    }
}
