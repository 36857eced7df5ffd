namespace SweepCluster.Cli.Output;

/// <summary>Reports progress on the calling thread, in order (System.Progress posts to the thread pool and can reorder lines).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
