using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WeComGuard.Cli.Serve;

namespace WeComGuard.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:7071" };
        var settingsFile = new Option<FileInfo?>("--settings")
        {
            Description = "A local.settings.json whose Values are used as app settings (environment variables work too, with the same names).",
        };
        var command = new Command("serve", "Run WeCom Guard's HTTP and queue functions on Kestrel, for machines without Azure Functions Core Tools.")
        {
            urls,
            settingsFile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = ReadSettings(parse.GetValue(settingsFile));
            await using var app = WeComGuardServer.Build(parse.GetValue(urls)!, settings);
            try
            {
                await WeComGuardServer.EnsureStorageAsync(app, cancellationToken);
            }
            catch (Exception error) when (SettingFailures(error) is { Count: > 0 } failures)
            {
                Console.Error.WriteLine("wecomguard serve: not started, the settings are wrong:");
                foreach (var failure in failures)
                {
                    Console.Error.WriteLine("  " + failure);
                }

                return 2;
            }

            await app.StartAsync(cancellationToken);
            Console.Error.WriteLine($"wecomguard serve: listening on {string.Join(", ", app.Urls)}; Ctrl-C stops.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            await app.StopAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }

    // One options class failing validation throws OptionsValidationException; several throw them in an AggregateException.
    private static List<string> SettingFailures(Exception error) => error switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException all => [.. all.InnerExceptions.SelectMany(SettingFailures)],
        _ => [],
    };

    internal static Dictionary<string, string?> ReadSettings(FileInfo? file)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (file is null)
        {
            return settings;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(file.FullName));
        if (document.RootElement.TryGetProperty("Values", out var values))
        {
            foreach (var property in values.EnumerateObject())
            {
                // App settings use "__" for sections, configuration keys use ":".
                settings[property.Name.Replace("__", ":", StringComparison.Ordinal)] = property.Value.ToString();
            }
        }

        return settings;
    }
}
