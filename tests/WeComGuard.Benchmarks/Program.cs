using BenchmarkDotNet.Running;
using WeComGuard.Benchmarks;
using WeComGuard.Benchmarks.Scanning;

if (args.Length > 0 && args[0] == "load-callbacks")
{
    return await CallbackLoad.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "scan-throughput")
{
    return await ScanThroughput.RunAsync(args);
}

if (args.Length > 0 && args[0] == "audit-tenant")
{
    return await AuditTenantRun.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "nightly-calls")
{
    return await NightlyApiCalls.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "sync-directory")
{
    return await DirectorySyncLoad.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(CallbackBenchmarks).Assembly).Run(args);
return 0;
