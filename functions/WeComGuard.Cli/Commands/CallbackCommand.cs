using System.CommandLine;

namespace WeComGuard.Cli.Commands;

internal static class CallbackCommand
{
    public static Command Create()
    {
        var command = new Command("callback", "Work with WeCom callbacks (URL verification and event envelopes).");
        return command;
    }
}
