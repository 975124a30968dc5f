using System.CommandLine;
using WeComGuard.Core.Storage;

namespace WeComGuard.Cli.Commands;

/// <summary>The <c>--storage</c> option shared by commands that read WeCom Guard's storage; defaults to the AzureWebJobsStorage environment variable.</summary>
internal static class StorageOption
{
    public static Option<string?> Create() => new("--storage")
    {
        Description = "Storage connection string (default: the AzureWebJobsStorage environment variable).",
    };

    public static StorageClients Resolve(string? value)
    {
        var connection = value ?? Environment.GetEnvironmentVariable(StorageNames.ConnectionSetting);
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException("No storage connection: pass --storage or set AzureWebJobsStorage.");
        }

        return StorageClients.FromConnectionString(connection);
    }
}
