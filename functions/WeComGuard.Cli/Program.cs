using System.CommandLine;
using WeComGuard.Cli.Commands;

var root = new RootCommand("wecomguard: WeCom Guard's command line for local runs, integrators and the security team.");
root.Subcommands.Add(CallbackCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(EventsCommand.Create());
root.Subcommands.Add(PoisonCommand.Create());
root.Subcommands.Add(SandboxCommand.Create());

return await root.Parse(args).InvokeAsync();
