using BenchmarkDotNet.Running;
using WeComGuard.Benchmarks;

if (args.Length > 0 && args[0] == "load-callbacks")
{
    return await CallbackLoad.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "sync-directory")
{
    return await DirectorySyncLoad.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(CallbackBenchmarks).Assembly).Run(args);
return 0;
