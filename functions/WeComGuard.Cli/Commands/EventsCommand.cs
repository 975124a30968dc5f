using System.CommandLine;
using System.Globalization;
using WeComGuard.Core.Events;

namespace WeComGuard.Cli.Commands;

internal static class EventsCommand
{
    public static Command Create()
    {
        var command = new Command("events", "Inspect the WeCom events WeCom Guard recorded (table WeComEvents).");
        var app = new Option<string>("--app") { Description = "The callback receiver ({app} in the callback URL).", Required = true };
        var storage = StorageOption.Create();
        var list = new Command("list", "One line per recorded event: id, kind, status, attempts, received time; then counts by status.") { app, storage };
        list.SetAction(async (parse, cancellationToken) =>
        {
            var store = new WeComEventStore(StorageOption.Resolve(parse.GetValue(storage)));
            var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
            await foreach (var record in store.ListAsync(parse.GetValue(app)!, cancellationToken))
            {
                counts[record.Status] = counts.GetValueOrDefault(record.Status) + 1;
                var kind = record.Event is null ? record.MsgType : record.ChangeType is null ? record.Event : $"{record.Event}/{record.ChangeType}";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{record.Id}\t{kind}\t{record.Status}\t{record.Attempts}\t{record.ReceivedAt:O}{(record.LastError is null ? string.Empty : "\t" + record.LastError)}"));
            }

            Console.WriteLine(counts.Count == 0 ? "no events" : string.Join(", ", counts.Select(c => $"{c.Key}: {c.Value}")));
            return 0;
        });
        command.Subcommands.Add(list);
        return command;
    }
}
