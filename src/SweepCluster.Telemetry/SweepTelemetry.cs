using System.Diagnostics;
using System.Globalization;
using Prometheus;
using SweepCluster.Core.Results;

namespace SweepCluster.Telemetry;

/// <summary>The product's instruments, defined once. They are prometheus-net instruments rather than
/// System.Diagnostics.Metrics ones: histograms need buckets in seconds, and every series a dashboard reads must
/// exist before its first observation (the meter adapter publishes a histogram only after one).</summary>
public static class SweepTelemetry
{
    /// <summary>Spans of trials and their phases; OTLP exports it when an endpoint is configured.</summary>
    public static readonly ActivitySource ActivitySource = new(MetricNames.Prefix);

    /// <summary>Trial phases under a progress display: pending, assigned, completed, failed.</summary>
    public static readonly Gauge Trials = Metrics.CreateGauge(MetricNames.Trials, "Trials of the sweep by state.", "state");

    public static readonly Gauge TrialsPlanned = Metrics.CreateGauge(MetricNames.TrialsPlanned, "Trials the sweep plans in all.");

    /// <summary>From a few seconds (tiny synthetic trials) to about three hours (deep nets on a slow slot).</summary>
    public static readonly Histogram TrialDuration = Metrics.CreateHistogram(MetricNames.TrialDuration,
        "Wall time of ended trials, by status.",
        new HistogramConfiguration { LabelNames = ["status"], Buckets = Histogram.ExponentialBuckets(0.5, 2, 15) });

    public static readonly Gauge TrialsPerMinute = Metrics.CreateGauge(MetricNames.TrialsPerMinute, "Trials ended over the last minute.");

    public static readonly Gauge Eta = Metrics.CreateGauge(MetricNames.Eta,
        "Seconds until every trial has ended at the current rate (-1 while no rate is known).");

    public static readonly Counter Retries = Metrics.CreateCounter(MetricNames.Retries, "Attempts given back and tried again.");

    public static readonly Counter DiscardedResults = Metrics.CreateCounter(MetricNames.DiscardedResults,
        "Results discarded because their trial was no longer assigned to the sender (duplicates).");

    public static readonly Counter RejectedReports = Metrics.CreateCounter(MetricNames.RejectedReports,
        "Requests and reports refused because their sender is not the worker they name (never recorded).");

    public static readonly Gauge WorkerSlots = Metrics.CreateGauge(MetricNames.WorkerSlots,
        "Worker slots connected to the coordinator, busy or idle.");

    public static readonly Gauge WithoutWorkers = Metrics.CreateGauge(MetricNames.WithoutWorkers,
        "Seconds trials have been pending with no worker slot connected, once that is 30 s or more; 0 otherwise.");

    public static readonly Gauge JournalUnreachable = Metrics.CreateGauge(MetricNames.JournalUnreachable,
        "Seconds the sweep has been paused because its journal's database cannot be reached, as of the latest retry; 0 while it answers.");

    public static readonly Counter Failures = Metrics.CreateCounter(MetricNames.Failures,
        "Trials that failed for good, by kind (the word the reason starts with: diverged, exception, failed or unknown).", "kind");

    public static readonly Gauge SlotBusy = Metrics.CreateGauge(MetricNames.SlotBusy,
        "1 while a worker slot runs a trial, 0 while idle.", "slot", "device");

    public static readonly Gauge SlotEpoch = Metrics.CreateGauge(MetricNames.SlotEpoch, "Latest epoch of the slot's running trial.", "slot");

    public static readonly Gauge SlotLoss = Metrics.CreateGauge(MetricNames.SlotLoss, "Latest training loss of the slot's running trial.", "slot");

    public static readonly Gauge ClusterMembers = Metrics.CreateGauge(MetricNames.ClusterMembers,
        "Cluster members as this node sees them, by member status.", "status");

    public static readonly Gauge UnreachableMembers = Metrics.CreateGauge(MetricNames.UnreachableMembers,
        "Members this node's failure detector marks unreachable.");

    /// <summary>Unlabelled, so it is exported with a zero count before the journal's first write.</summary>
    public static readonly Histogram JournalWrite = Metrics.CreateHistogram(MetricNames.JournalWrite,
        "Latency of the sweep journal's writes.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 14) });

    /// <summary>Labelled by every column of the curve key (the axis table's curve axes), so two curves of a sweep
    /// are never one series; a fixed set, as many labels as curve axes.</summary>
    public static readonly Gauge Curve = Metrics.CreateGauge(MetricNames.Curve,
        "Mean over seeds of a bound-versus-depth curve's quantity.", ["quantity", "depth", .. CurveKey.ColumnNames]);

    /// <summary>Touches the type so every instrument above is registered (and exported) before any event.</summary>
    public static void EnsureRegistered()
    {
        foreach (var status in new[] { "completed", "failed" }) TrialDuration.WithLabels(status);
        foreach (var state in TrialStates) Trials.WithLabels(state);
        Eta.Set(-1);
    }

    /// <summary>The states <see cref="Trials"/> reports.</summary>
    public static readonly IReadOnlyList<string> TrialStates = ["pending", "assigned", "completed", "failed"];

    /// <summary>The persistence code calls this once per journal write.</summary>
    public static void RecordJournalWrite(TimeSpan elapsed) => JournalWrite.Observe(elapsed.TotalSeconds);

    /// <summary>Sets the curve gauges of one (key, depth) from its summarized row: its top-level quantities only.</summary>
    /// <remarks>The per-layer columns grow with a sweep's depth (about ten per layer); as labels they would multiply the
    /// series by the depth, so they stay in curves.csv/json and the gauge keeps a fixed quantity label set.</remarks>
    public static void RecordCurveRow(CurveRow row)
    {
        // The key's values as curves.csv writes them, after the quantity and depth labels.
        string depth = row.Depth.ToString(CultureInfo.InvariantCulture);
        var key = row.Key.Cells();
        foreach (var name in CurveQuantities.TopLevel)
            if (row.Mean(name) is { } mean)
                Curve.WithLabels([name, depth, .. key]).Set(mean);
    }
}
