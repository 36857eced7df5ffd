using SweepCluster.Benchmarks;

// dotnet run -c Release --project tests/SweepCluster.Benchmarks -- coordinator [TRIALS]
// dotnet run -c Release --project tests/SweepCluster.Benchmarks -- cluster [SLOTS] [PROCESSES] [TRIALS]
// dotnet run -c Release --project tests/SweepCluster.Benchmarks -- trainer [REPEATS]
// dotnet run -c Release --project tests/SweepCluster.Benchmarks -- peer [REPEATS] [DEPTHxWIDTH...]
// dotnet run -c Release --project tests/SweepCluster.Benchmarks -- estimator [DEPTH] [WIDTH]
// dotnet run -c Release --project tests/SweepCluster.Benchmarks -- packing [PACK SIZES...]
// dotnet run -c Release --project tests/SweepCluster.Benchmarks -- sweep [BASELINE_COMMIT] [SLOTS] (after a Release build of src/SweepCluster.Cli)
// dotnet run -c Release --project tests/SweepCluster.Benchmarks -- all (every one above, each in a process of its own)
switch (args.FirstOrDefault())
{
    case "coordinator":
        await CoordinatorBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 10_000);
        break;
    case "cluster":
        await ClusterBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 512, args.Length > 2 ? int.Parse(args[2]) : 8,
            args.Length > 3 ? int.Parse(args[3]) : 10_000);
        break;
    case ChildRun.Verb:
        ChildRun.WatchManagedHeap();
        await CoordinatorPhases.RunAsync(args[1..]);
        break;
    case "trainer":
        TrainerEpochBenchmark.Run(args.Length > 1 ? int.Parse(args[1]) : 5);
        break;
    case "peer":
        return PeerBenchmark.Run(args.Length > 1 ? int.Parse(args[1]) : 3,
            args.Length > 2 ? args[2..].Select(a => a.Split('x')).Select(a => (int.Parse(a[0]), int.Parse(a[1]))).ToList() : PeerBenchmark.Settings);
    case "estimator":
        EstimatorBenchmark.Run(args.Length > 1 ? int.Parse(args[1]) : 2, args.Length > 2 ? int.Parse(args[2]) : 8);
        break;
    case "packing":
        PackingBenchmark.Run(args.Length > 1 ? args[1..].Select(int.Parse).ToList() : [4, 8, 16, 32]);
        break;
    case "all":
        return await AllBenchmarks.RunAsync();
    case "sweep":
        return await SweepBenchmark.RunAsync(args.Length > 1 ? args[1] : SweepBenchmark.DefaultBaseline, args.Length > 2 ? int.Parse(args[2]) : 2);
    default:
        Console.Error.WriteLine("usage: SweepCluster.Benchmarks coordinator [TRIALS (a multiple of 1,000)] | cluster [SLOTS PROCESSES TRIALS] | trainer [REPEATS] | peer [REPEATS [DEPTHxWIDTH...]] | estimator [DEPTH WIDTH] | packing [PACK SIZES...] | sweep [BASELINE_COMMIT [SLOTS]] | all");
        return 2;
}
return 0;
