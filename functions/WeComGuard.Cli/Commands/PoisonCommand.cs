using System.CommandLine;
using WeComGuard.Core.Storage;

namespace WeComGuard.Cli.Commands;

internal static class PoisonCommand
{
    public static Command Create()
    {
        var command = new Command("poison", "Messages that failed maxDequeueCount (5) times and were moved to a -poison queue.");
        var queue = new Option<string>("--queue")
        {
            Description = "The queue whose poison messages to work with.",
            DefaultValueFactory = _ => StorageNames.WeComEventsQueue,
        };
        queue.AcceptOnlyFromAmong([.. StorageNames.Queues]);
        var storage = StorageOption.Create();

        var list = new Command("list", "Print the poison messages (without removing them).") { queue, storage };
        list.SetAction(async (parse, cancellationToken) =>
        {
            var clients = StorageOption.Resolve(parse.GetValue(storage));
            var poison = clients.Queue(parse.GetValue(queue)! + StorageNames.PoisonSuffix);
            var messages = (await poison.PeekMessagesAsync(32, cancellationToken)).Value;
            foreach (var message in messages)
            {
                Console.WriteLine($"{message.MessageId}\t{message.InsertedOn:O}\t{message.Body}");
            }

            Console.WriteLine($"{messages.Length} poison message(s) shown (at most 32) on {poison.Name}.");
            return 0;
        });

        var replay = new Command("replay", "Move every poison message back to its queue, for another round of attempts once the cause is fixed.") { queue, storage };
        replay.SetAction(async (parse, cancellationToken) =>
        {
            var clients = StorageOption.Resolve(parse.GetValue(storage));
            var target = clients.Queue(parse.GetValue(queue)!);
            var poison = clients.Queue(target.Name + StorageNames.PoisonSuffix);
            var moved = 0;
            while (true)
            {
                var messages = (await poison.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), cancellationToken)).Value;
                if (messages.Length == 0)
                {
                    break;
                }

                foreach (var message in messages)
                {
                    // Send first, then delete: a crash in between leaves a duplicate, which the handlers absorb, never a loss.
                    await target.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                    await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                    moved++;
                }
            }

            Console.WriteLine($"{moved} message(s) moved from {poison.Name} back to {target.Name}.");
            return 0;
        });

        command.Subcommands.Add(list);
        command.Subcommands.Add(replay);
        return command;
    }
}
