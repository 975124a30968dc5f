namespace WeComGuard.Cli.LocalRun;

internal sealed record LocalRunOptions(string StorageConnectionString, int Members, int Groups, int Seed, int Events, string OutputDirectory);
