using System.Globalization;
using Spectre.Console;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cli.Output;

/// <summary>The readable form of a trial result: errors, per-layer information, bounds.</summary>
internal static class TrialResultTable
{
    public static void Write(IAnsiConsole console, TrialResult result)
    {
        var c = result.Config;
        console.MarkupLine($"[bold]trial {result.TrialId}[/]  depth {c.Depth}  width {c.Width}  act_noise {F(c.ActNoise)}  " +
                           $"{c.Model.Activation.Word()}  {c.Training.Mode.Word()}  {c.Training.Optimizer.Word()}  n {c.TrainSize}  seed {c.Seed}");
        if (result.Status == TrialStatus.Failed)
        {
            console.MarkupLineInterpolated($"[red]failed:[/] {result.FailureReason}");
            return;
        }

        var errors = new Table().AddColumns("", "train", "test", "gap");
        errors.AddRow("0-1 error", F(result.TrainError), F(result.TestError), F(result.Gap));
        errors.AddRow("clipped CE", F(result.TrainLoss), F(result.TestLoss), F(result.LossGap));
        console.Write(errors);

        var layers = new Table().AddColumns("layer", "estimator", "I(X;T) lower", "I(X;T) upper", "I(Y;T)", "saturated", "eta analytic", "eta empirical");
        foreach (var l in result.Layers)
            layers.AddRow(l.Layer.ToString(CultureInfo.InvariantCulture), l.Estimator.Word(), F(l.IXTLower), F(l.IXTUpper), F(l.IYT),
                l.Saturated ? "yes" : "no", F(l.EtaAnalytic), l.EtaEmpirical is { } e ? F(e) : "-");
        console.Write(layers);

        var bounds = new Table().AddColumns("bound", "value", "vacuous", "certified");
        if (result.Bounds is { } b)
        {
            AddBound(bounds, "B_XR_out", b.BXrOut);
            AddBound(bounds, "B_paper", b.BPaper);
            AddBound(bounds, "B_ISMI", b.BIsmi);
        }
        console.Write(bounds);
        string sgld = result.ISgld?.Value is { } i ? $"{F(i)} nats (output layer {F(result.ISgld.OutputLayer ?? double.NaN)})" : $"undefined: {result.ISgld?.Reason}";
        console.WriteLine($"I_SGLD: {sgld}");
        console.WriteLine($"Fano lower bound on training error: {(result.FanoLower is { } f ? F(f) : "-")}");
        if (result.Timings is { } t)
            console.WriteLine($"time: {F(t.TotalSeconds)} s (data {F(t.DataSeconds)}, train {F(t.TrainSeconds)}, evaluate {F(t.EvaluateSeconds)}, estimate {F(t.EstimateSeconds)})");
    }

    private static void AddBound(Table table, string name, BoundValue bound)
    {
        if (bound.Value is { } v)
            table.AddRow(name, F(v), bound.Vacuous == true ? "yes" : "no", bound.Certified == true ? "yes" : "no");
        else
            table.AddRow(name, "-", "-", Markup.Escape(bound.Reason ?? "undefined"));
    }

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
