using SweepCluster.Benchmarks;

// dotnet run -c Release --project tests/SweepCluster.Benchmarks -- coordinator [TRIALS]
switch (args.FirstOrDefault())
{
    case "coordinator":
        await CoordinatorBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 10_000);
        break;
    case ChildRun.Verb:
        ChildRun.WatchManagedHeap();
        await CoordinatorPhases.RunAsync(args[1..]);
        break;
    default:
        Console.Error.WriteLine("usage: SweepCluster.Benchmarks coordinator [TRIALS (a multiple of 1,000)]");
        return 2;
}
return 0;
