using System.CommandLine;

namespace WeComGuard.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run WeCom Guard's HTTP and queue functions on Kestrel (for machines without Azure Functions Core Tools).");
        return command;
    }
}
