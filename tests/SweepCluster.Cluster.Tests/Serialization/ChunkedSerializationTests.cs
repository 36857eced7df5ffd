using System.Text.Json;
using SweepCluster.Cluster.Serialization;
using SweepCluster.Cluster.Tests.Support;
using SweepCluster.Core.Sweep;

namespace SweepCluster.Cluster.Tests.Serialization;

/// <summary>Payloads are written into pooled chunks under the large-object threshold: the same bytes as
/// JsonSerializer's own output, and, once the pool is warm, nothing allocated beyond the final array.</summary>
public sealed class ChunkedSerializationTests(ITestOutputHelper output) : SweepClusterTestKit(output)
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A snapshot of a few hundred KB: many chunks, every trial phase present.</summary>
    private static SweepSnapshot LargeSnapshot()
    {
        var plan = FakeTrials.Plan(3000);
        var state = SweepState.Empty.ApplyAll([new SweepDefined("s-1", SweepJournalFormat.Version, "name: s"), new TrialsPlanned(plan, 2)]);
        foreach (var trial in plan.Take(2000))
        {
            state = state.ApplyAll(state.Process(new RequestTrial("w/slot-0", At)));
            if (trial.Config.Seed % 2 == 0)
                state = state.ApplyAll(state.Process(new ReportTrialResult("w/slot-0", trial.Id, 1, FakeTrials.Completed(trial.Id, trial.Config))));
        }
        return state.ToSnapshot();
    }

    [Fact]
    public void A_large_snapshot_and_a_small_event_are_written_byte_for_byte_as_before()
    {
        var snapshot = LargeSnapshot();
        var serializer = (SweepClusterSerializer)Sys.Serialization.FindSerializerFor(snapshot);
        var bytes = serializer.ToBinary(snapshot);
        Assert.True(bytes.Length > 3 * ChunkedBufferWriter.ChunkSize, $"only {bytes.Length} bytes");
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(snapshot, serializer.Options), bytes);

        var planned = FakeTrials.Planned(7);
        var assigned = new TrialAssigned(planned.Id, "akka.tcp://sweepcluster@127.0.0.1:4053/slot-0", 1, At);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(assigned, serializer.Options), serializer.ToBinary(assigned));
    }

    [Fact]
    public void A_warm_serializer_allocates_little_beyond_the_final_array()
    {
        var snapshot = LargeSnapshot();
        var serializer = (SweepClusterSerializer)Sys.Serialization.FindSerializerFor(snapshot);
        int length = serializer.ToBinary(snapshot).Length; // fills the chunk pool

        // On another thread, as the snapshot store's dispatcher serializes: a per-thread cache does not count.
        byte[] bytes = [];
        long allocated = 0;
        var other = new Thread(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            bytes = serializer.ToBinary(snapshot);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        other.Start();
        other.Join();

        Assert.Equal(length, bytes.Length);
        // The final array plus small per-call objects; a fresh chunk per 64 KB, or a doubling buffer, would add its size.
        Assert.True(allocated < length + ChunkedBufferWriter.ChunkSize, $"{allocated} bytes allocated for a {length}-byte payload");
    }

    [Fact]
    public void The_writer_hands_out_spans_below_the_large_object_threshold_and_keeps_every_byte()
    {
        using var writer = new ChunkedBufferWriter();
        var expected = new List<byte>();
        var random = new Random(5);
        foreach (int hint in Enumerable.Range(0, 400).Select(_ => random.Next(0, 5000)).Append(100_000).Append(10))
        {
            var span = writer.GetSpan(hint);
            Assert.True(span.Length >= Math.Max(hint, 1));
            if (hint <= ChunkedBufferWriter.ChunkSize) Assert.True(span.Length < 85_000, $"a {span.Length}-byte span for a {hint}-byte hint");
            int count = Math.Min(span.Length, Math.Max(hint, 1));
            for (int i = 0; i < count; i++) span[i] = (byte)(expected.Count + i);
            for (int i = 0; i < count; i++) expected.Add((byte)(expected.Count));
            writer.Advance(count);
        }
        Assert.Equal(expected.Count, writer.Length);
        Assert.Equal(expected, writer.ToArray());
    }
}
