using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Spectre.Console.Cli;
using SweepCluster.Core;
using SweepCluster.Core.Data;
using SweepCluster.Core.Information;
using SweepCluster.Core.Spec;
using SweepCluster.Core.Trials;

namespace SweepCluster.Cli.Commands;

/// <summary>The estimators of `sweepcluster mi`; --estimator takes their words.</summary>
internal enum MiEstimator
{
    Ksg,
    Pairwise,
    Binning,
    Plugin,
}

/// <summary>`sweepcluster mi FILE.csv --x COLS --y COLS`: mutual information of two column groups, so users can
/// check the estimators on their own data.</summary>
internal sealed class MiCommand : Command<MiCommand.Settings>
{
    /// <summary>The documented spellings --x, --y and --k are one-letter long options, which the parser refuses;
    /// they are rewritten to their short forms before parsing.</summary>
    public static string[] NormalizeArguments(string[] args) =>
        args.Length > 0 && args[0] == "mi"
            ? args.Select(a => a switch { "--x" => "-x", "--y" => "-y", "--k" => "-k", _ => a }).ToArray()
            : args;

    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("CSV file with a header row.")]
        public string File { get; init; } = "";

        [CommandOption("-x|--x-columns <COLS>")]
        [Description("Columns of X: names, 0-based indices or ranges, e.g. 0-3 or a,b.")]
        public string X { get; init; } = "";

        [CommandOption("-y|--y-columns <COLS>")]
        [Description("Columns of Y, same forms as --x.")]
        public string Y { get; init; } = "";

        [CommandOption("--estimator <NAME>")]
        [Description("ksg (default), pairwise (T = Y + N(0, s^2 I), X uniform over the distinct X rows), binning or plugin.")]
        public string Estimator { get; init; } = "ksg";

        [CommandOption("-k|--neighbours <K>")]
        [Description("KSG neighbours (default 3).")]
        public int K { get; init; } = 3;

        [CommandOption("--noise <S>")]
        [Description("pairwise: the Gaussian noise std s added to Y.")]
        public double? Noise { get; init; }

        [CommandOption("--bins <B>")]
        [DescriptionOf("binning: bins per column over its data range (default {0}).", BinningEstimator.DefaultBins)]
        public int Bins { get; init; } = BinningEstimator.DefaultBins;

        [CommandOption("--shuffles <N>")]
        [Description("Also estimate N times with Y rows shuffled and report the 95% null interval (default 0).")]
        public int Shuffles { get; init; }

        [CommandOption("--json")]
        [Description("Print one JSON object.")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        if (settings.X.Length == 0 || settings.Y.Length == 0)
            throw new UserInputException("mi needs both --x and --y column groups, e.g. --x 0 --y 1.");
        var table = CsvTable.Load(settings.File);
        SampleMatrix x = table.Select(ColumnSelector.Parse(settings.X, table.Header));
        SampleMatrix y = table.Select(ColumnSelector.Parse(settings.Y, table.Header));
        MiEstimator estimator = ParseEstimator(settings.Estimator);
        Func<SampleMatrix, SampleMatrix, double> estimate = Estimator(estimator, settings);
        // KSG looks for the k-th nearest other row, which only exists when there are more than k rows.
        if (estimator == MiEstimator.Ksg && x.Rows <= settings.K)
            throw new UserInputException(
                $"{Path.GetFileName(settings.File)} has {x.Rows} data row{(x.Rows == 1 ? "" : "s")}, but the ksg estimator with --k {settings.K} needs more rows than k; give more rows or a smaller --k.");

        var fields = new Dictionary<string, object?>
        {
            ["estimator"] = estimator.Word(),
            ["mi_nats"] = estimate(x, y),
            ["n"] = x.Rows,
            ["x_columns"] = x.Columns,
            ["y_columns"] = y.Columns,
        };
        if (estimator == MiEstimator.Ksg) fields["k"] = settings.K;
        if (estimator == MiEstimator.Pairwise)
        {
            var bounds = PairwiseForCsv(x, y, settings.Noise!.Value);
            fields["noise"] = settings.Noise;
            fields["lower"] = bounds.Lower;
            fields["upper"] = bounds.Upper;
        }
        if (estimator == MiEstimator.Binning) fields["bins"] = settings.Bins;
        if (settings.Shuffles > 0)
        {
            var test = PermutationNull.Run(estimate, x, y, settings.Shuffles, seed: 0);
            fields["null_low"] = test.Low;
            fields["null_high"] = test.High;
        }

        if (settings.Json) Console.WriteLine(JsonSerializer.Serialize(fields, TrialJson.Options));
        else
            foreach (var (key, value) in fields)
                Console.WriteLine($"{key,-10} {Convert.ToString(value, CultureInfo.InvariantCulture)}");
        return 0;
    }

    /// <summary>The estimator whose word is <paramref name="word"/>, parsed once.</summary>
    private static MiEstimator ParseEstimator(string word) =>
        SpecWords.All<MiEstimator>().Contains(word)
            ? SpecWords.Parse<MiEstimator>(word)
            : throw new UserInputException($"--estimator '{word}' is not known; use ksg, pairwise, binning or plugin.");

    private static Func<SampleMatrix, SampleMatrix, double> Estimator(MiEstimator estimator, Settings settings) => estimator switch
    {
        MiEstimator.Ksg when settings.K >= 1 => (x, y) => KsgEstimator.Estimate(x, y, new KsgOptions(K: settings.K)),
        MiEstimator.Ksg => throw new UserInputException($"--k {settings.K} is not a positive neighbour count; give --k 3 or another count of at least 1."),
        MiEstimator.Pairwise when settings.Noise is > 0 => (x, y) => PairwiseForCsv(x, y, settings.Noise.Value).Upper,
        MiEstimator.Pairwise => throw new UserInputException("the pairwise estimator needs the noise std of T = Y + N(0, s^2 I); give --noise S with S > 0."),
        MiEstimator.Binning when settings.Bins >= 2 => (x, y) => DiscreteInformation.MutualInformation(
            BinningEstimator.SymbolsOverDataRange(x, settings.Bins), BinningEstimator.SymbolsOverDataRange(y, settings.Bins)),
        MiEstimator.Binning => throw new UserInputException($"--bins {settings.Bins} is too few; give --bins 2 or more."),
        MiEstimator.Plugin => (x, y) => DiscreteInformation.MutualInformation(DistinctRows(x), DistinctRows(y)),
        _ => throw new ArgumentOutOfRangeException(nameof(estimator), estimator, null),
    };

    /// <summary>X is uniform over its distinct rows; rows sharing an X value are the noise paths of that input.</summary>
    private static MixtureInformation PairwiseForCsv(SampleMatrix x, SampleMatrix y, double noise)
    {
        int[] inputOf = DistinctRows(x);
        if (inputOf.CountBy(i => i).Select(group => group.Value).Distinct().Count() > 1)
            throw new UserInputException(
                "the pairwise estimator needs every distinct --x row to occur equally often (each is one input with the same number of noise paths); balance the rows or use --estimator ksg.");
        return PairwiseMixtureBounds.Estimate(y, noise, inputOf);
    }

    /// <summary>Each distinct row becomes one symbol, numbered in order of first appearance.</summary>
    private static int[] DistinctRows(SampleMatrix m)
    {
        var ids = new Dictionary<string, int>();
        var symbols = new int[m.Rows];
        for (int r = 0; r < m.Rows; r++)
        {
            string key = string.Join(',', m.ReadRow(r).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
            if (!ids.TryGetValue(key, out int id)) ids[key] = id = ids.Count;
            symbols[r] = id;
        }
        return symbols;
    }
}
