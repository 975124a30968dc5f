using System.CommandLine;
using WeComGuard.Cli.Commands;

var root = new RootCommand("wecomguard: WeCom Guard's command line for local runs, integrators and the security team.");
root.Subcommands.Add(CallbackCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(ScanCommand.Create());
root.Subcommands.Add(EventsCommand.Create());
root.Subcommands.Add(FindingsCommand.Create());
root.Subcommands.Add(PoisonCommand.Create());
root.Subcommands.Add(AuditCommand.Create(WeComAuditSourceFactory.Create));
root.Subcommands.Add(SandboxCommand.Create());
root.Subcommands.Add(LocalRunCommand.Create());

var parseResult = root.Parse(args);
if (AuditCommand.IsUsageError(parseResult))
{
    return AuditCommand.ReportUsageError(parseResult, Console.Error);
}

return await parseResult.InvokeAsync();
