using BenchmarkDotNet.Running;
using WeComGuard.Benchmarks.Scanning;

if (args.Length > 0 && args[0] == "scan-throughput")
{
    return await ScanThroughput.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
