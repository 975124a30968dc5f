using System.CommandLine;
using System.Globalization;
using WeComGuard.Sandbox;
using WeComGuard.Sandbox.Tenant;

namespace WeComGuard.Cli.Commands;

/// <summary><c>wecomguard sandbox</c>: runs the WeCom look-alike on 127.0.0.1 for local runs and demos until Ctrl-C.</summary>
internal static class SandboxCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 0 };
        var tenant = new Option<FileInfo?>("--tenant") { Description = "Tenant JSON to serve." };
        var members = new Option<int?>("--members") { Description = "Generate a tenant with this many members (at least 20)." };
        var groups = new Option<int>("--groups") { Description = "Customer groups in the generated tenant.", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed for the generated tenant (same seed, same tenant).", DefaultValueFactory = _ => 1 };
        var rosterOut = new Option<FileInfo?>("--roster-out") { Description = "Write the matching HR roster CSV (with a couple of malformed rows) here." };
        var tenantOut = new Option<FileInfo?>("--tenant-out") { Description = "Write the tenant as JSON here (to edit and load with --tenant)." };
        var corpId = new Option<string>("--corp-id") { Description = "Corp id gettoken accepts (set WeCom__CorpId to it).", DefaultValueFactory = _ => new SandboxOptions().CorpId };
        var rateLimit = new Option<int>("--rate-limit") { Description = "Calls per minute per API before 45009 (0 = unlimited).", DefaultValueFactory = _ => 0 };

        var command = new Command("sandbox", "Run a WeCom sandbox (server API, faults, planted handbook violations) on 127.0.0.1 until Ctrl-C.")
        {
            port, tenant, members, groups, seed, rosterOut, tenantOut, corpId, rateLimit,
        };
        command.Validators.Add(result =>
        {
            var hasTenant = result.GetValue(tenant) is not null;
            var hasMembers = result.GetValue(members) is not null;
            if (hasTenant == hasMembers)
            {
                result.AddError("Give either --tenant FILE or --members N (with --groups M and optionally --seed S).");
            }
            else if (result.GetValue(members) is < 20)
            {
                result.AddError("--members must be at least 20.");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var tenantFile = parse.GetValue(tenant);
            SandboxTenant data;
            if (tenantFile is not null)
            {
                if (!tenantFile.Exists)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"The tenant file '{tenantFile.FullName}' does not exist.");
                    return 2;
                }

                data = SandboxTenant.Load(tenantFile.FullName);
            }
            else
            {
                data = TenantGenerator.Generate(parse.GetValue(members)!.Value, parse.GetValue(groups), parse.GetValue(seed), DateTimeOffset.UtcNow);
            }

            if (parse.GetValue(rosterOut) is { } roster)
            {
                RosterCsvWriter.WriteFile(data, roster.FullName);
                output.WriteLine($"HR roster written to {roster.FullName}");
            }

            if (parse.GetValue(tenantOut) is { } json)
            {
                data.Save(json.FullName);
                output.WriteLine($"Tenant written to {json.FullName}");
            }

            var options = new SandboxOptions { Port = parse.GetValue(port), CorpId = parse.GetValue(corpId)!, Tenant = data, RateLimitPerMinute = parse.GetValue(rateLimit) };
            await using var server = await SandboxServer.StartAsync(options, cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"WeCom sandbox listening on {server.BaseUrl} (corp id {options.CorpId}; any secret is accepted): {data.Members.Count} members, {data.Departments.Count} departments, {data.GroupChats.Count} customer groups."));
            output.WriteLine($"Set WeCom__ApiBaseUrl={server.BaseUrl.ToString().TrimEnd('/')} and WeCom__CorpId={options.CorpId}.");
            foreach (var kind in data.Planted.GroupBy(p => p.Kind))
            {
                output.WriteLine($"  planted {kind.Key}: {string.Join(", ", kind.Select(p => p.Subject))}");
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                output.WriteLine("Stopping the sandbox.");
            }

            return 0;
        });
        return command;
    }
}
