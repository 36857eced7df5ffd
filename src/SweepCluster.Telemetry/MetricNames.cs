namespace SweepCluster.Telemetry;

/// <summary>Every metric the product exports, as Prometheus names: dashboards and tests refer to these.</summary>
public static class MetricNames
{
    /// <summary>The meter and activity source name, and the prefix of every metric.</summary>
    public const string Prefix = "sweepcluster";

    public const string Trials = "sweepcluster_trials";
    public const string TrialsPlanned = "sweepcluster_trials_planned";
    public const string TrialDuration = "sweepcluster_trial_duration_seconds";
    public const string TrialsPerMinute = "sweepcluster_trials_per_minute";
    public const string Eta = "sweepcluster_eta_seconds";
    public const string Retries = "sweepcluster_retries_total";
    public const string DiscardedResults = "sweepcluster_discarded_results_total";
    public const string Failures = "sweepcluster_trial_failures_total";
    public const string SlotBusy = "sweepcluster_slot_busy";
    public const string SlotEpoch = "sweepcluster_slot_epoch";
    public const string SlotLoss = "sweepcluster_slot_loss";
    public const string ClusterMembers = "sweepcluster_cluster_members";
    public const string UnreachableMembers = "sweepcluster_cluster_unreachable_members";
    public const string JournalWrite = "sweepcluster_journal_write_seconds";
    public const string Curve = "sweepcluster_curve_mean";
    public const string RejectedReports = "sweepcluster_rejected_reports_total";
    public const string WorkerSlots = "sweepcluster_worker_slots_connected";
    public const string WithoutWorkers = "sweepcluster_without_workers_seconds";
    public const string JournalUnreachable = "sweepcluster_journal_unreachable_seconds";

    /// <summary>Every name above.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Trials, TrialsPlanned, TrialDuration, TrialsPerMinute, Eta, Retries, DiscardedResults, Failures,
        SlotBusy, SlotEpoch, SlotLoss, ClusterMembers, UnreachableMembers, JournalWrite, Curve,
        RejectedReports, WorkerSlots, WithoutWorkers, JournalUnreachable,
    ];
}
