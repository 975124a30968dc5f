namespace WeComGuard.Cli.LocalRun;

public sealed record LocalRunOptions(string StorageConnectionString, int Members, int Groups, int Seed, int Events, string OutputDirectory);
