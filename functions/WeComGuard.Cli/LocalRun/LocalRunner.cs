using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Archive;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Events;
using WeComGuard.Core.Notifications;
using WeComGuard.Core.Remediation;
using WeComGuard.Core.Reports.Index;
using WeComGuard.Core.Storage;
using WeComGuard.Sandbox;
using WeComGuard.Sandbox.Callbacks;
using WeComGuard.Sandbox.Tenant;

namespace WeComGuard.Cli.LocalRun;

/// <summary>
/// The main job on one machine: a sandbox tenant with planted handbook violations, the function app over the given
/// storage (under <c>wecomguard serve</c> or the real Functions host, see <see cref="IFunctionAppHost"/>), a burst of signed callbacks (with WeCom-style retries and duplicates), sample files scanned through the
/// file-scan queue, the nightly sync and audits run once, then a summary and the reports copied to a local folder. The
/// directory is synced once before the burst (as at a deployment), so that the burst's departures are re-checked and
/// become findings within seconds; the summary gives that latency.
/// </summary>
public sealed class LocalRunner(LocalRunOptions options, TextWriter progress)
{
    private const string App = "contacts";

    // WeCom Guard's own app: where WeCom sends the security team's card clicks (template_card_event).
    private const string GuardApp = "app";
    private static readonly string[] Jobs = ["SyncDirectory", "AuditFileTransfers", "AuditAdminActions", "AuditHandover"];

    public async Task<LocalRunSummary> RunAsync(Func<CancellationToken, Task>? whileRunning, CancellationToken cancellationToken)
    {
        var summary = new LocalRunSummary();
        var storage = StorageClients.FromConnectionString(options.StorageConnectionString);
        Directory.CreateDirectory(options.OutputDirectory);

        Step(1, $"Generating a sandbox tenant: {options.Members:N0} members, {options.Groups:N0} customer groups, seed {options.Seed}, planted violations...");
        var samples = SampleFiles.Create();
        var tenant = TenantGenerator.Generate(options.Members, options.Groups, options.Seed, DateTimeOffset.UtcNow);
        PlantExternalShare(tenant, samples[0].Content);
        SandboxLeaders.Assign(tenant);
        var rosterPath = Path.Combine(options.OutputDirectory, "roster.csv");
        RosterCsvWriter.WriteFile(tenant, rosterPath);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, Tenant = tenant }, cancellationToken);
        var corpId = new SandboxOptions().CorpId;
        progress.WriteLine($"      sandbox WeCom API on {sandbox.BaseUrl} ({tenant.Planted.Count} planted violations)");

        var token = RandomToken();
        var aesKey = RandomAesKey();
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = options.StorageConnectionString,
            [$"WeCom:Callbacks:{App}:Token"] = token,
            [$"WeCom:Callbacks:{App}:EncodingAesKey"] = aesKey,
            [$"WeCom:Callbacks:{App}:ReceiveId"] = corpId,
            ["WeCom:ApiBaseUrl"] = sandbox.BaseUrl.ToString().TrimEnd('/'),
            ["WeCom:CorpId"] = corpId,
            ["WeCom:ContactsSecret"] = "sandbox-contacts-secret",
            ["WeCom:CustomerContactSecret"] = "sandbox-customer-secret",
            ["WeCom:SecuritySecret"] = "sandbox-security-secret",
            ["WeCom:ArchiveSecret"] = "sandbox-archive-secret",
            ["WeCom:AppSecret"] = "sandbox-app-secret",
            ["WeCom:AppAgentId"] = "1000002",
            ["Scanning:FingerprintKey"] = RandomToken(),
            [$"WeCom:Callbacks:{GuardApp}:Token"] = token,
            [$"WeCom:Callbacks:{GuardApp}:EncodingAesKey"] = aesKey,
            [$"WeCom:Callbacks:{GuardApp}:ReceiveId"] = corpId,
            ["Notifications:SecurityTeamUserIds"] = tenant.Members[0].UserId,
            ["Notifications:ItUserIds"] = tenant.Members[1].UserId,
            ["Notifications:QuietHours"] = string.Empty,
            ["Remediation:Enabled"] = "true",
            ["Audits:ApprovedApps"] = TenantGenerator.ApprovedApp,
        };
        await using var host = await StartHostAsync(settings, cancellationToken);
        var callbackUrl = new Uri(host.BaseAddress, $"/api/wecom/callback/{App}");
        progress.WriteLine($"      callback URL {callbackUrl}");
        await storage.Container(StorageNames.HrContainer).GetBlobClient("roster.csv").UploadAsync(rosterPath, overwrite: true, cancellationToken);
        // What the chat-archive exporter would have written today: the internal rooms it saw (and two broken lines).
        var archive = storage.Container(StorageNames.ChatArchiveContainer);
        await archive.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await archive.GetBlobClient(BlobArchiveRoomLog.BlobNameOf(ChinaTime.DateOf(DateTimeOffset.UtcNow)))
            .UploadAsync(BinaryData.FromString(ArchiveRoomLogWriter.Content(tenant, DateTimeOffset.UtcNow.ToUnixTimeSeconds())), overwrite: true, cancellationToken);

        Step(3, "The first directory sync (SyncDirectory: the mirror, then the account and group audits on it)...");
        await host.RunTimerAsync("SyncDirectory", cancellationToken);

        Step(4, "WeCom sends a burst of signed contact and customer-group callbacks, members leaving among them (retrying non-200 answers, some delivered twice)...");
        await SendCallbacksAsync(storage, sandbox.State, tenant, corpId, token, aesKey, callbackUrl, summary, cancellationToken);

        Step(5, $"Dropping {samples.Count} sample files into {StorageNames.IncomingFilesContainer} and queueing them on {StorageNames.FileScanQueue} (what Event Grid does in Azure)...");
        var blobs = await UploadSamplesAsync(storage, samples, tenant, cancellationToken);

        Step(6, "Waiting for ProcessWeComEvent and ScanFile to finish...");
        await WaitForQueuesAsync(storage, blobs.Count, cancellationToken);

        Step(7, "Running the nightly jobs once: " + string.Join(", ", Jobs) + "...");
        foreach (var name in Jobs)
        {
            var started = DateTime.UtcNow;
            await host.RunTimerAsync(name, cancellationToken);
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      {name} done in {(DateTime.UtcNow - started).TotalSeconds:F1} s"));
        }

        Step(8, "Closing the loop: SendNudges; the security team approves one action and one waiver on their WeCom cards...");
        await host.RunTimerAsync("SendNudges", cancellationToken);
        await ApproveFromCardsAsync(storage, sandbox, tenant.Members[0].UserId, corpId, token, aesKey, new Uri(host.BaseAddress, $"/api/wecom/callback/{GuardApp}"), cancellationToken);

        Step(9, "Collecting the summary and copying the reports to " + options.OutputDirectory + "...");
        await CollectAsync(storage, blobs, tenant, summary, cancellationToken);
        await CollectLoopAsync(storage, summary, cancellationToken);
        summary.MessagesToSecurityTeam = sandbox.State.SentMessages.Count(m => m.ToUser == tenant.Members[0].UserId);
        if (whileRunning is not null)
        {
            await whileRunning(cancellationToken);
        }

        return summary;
    }

    // Started after the sandbox: the settings name the sandbox's URL and this run's callback token and key.
    private async Task<IFunctionAppHost> StartHostAsync(Dictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        if (options.FunctionsHost is { } location)
        {
            var app = options.FunctionApp ?? throw new InvalidOperationException("A local run under the Functions host needs the function app's build output (FunctionApp).");
            Step(2, $"Starting {location.Description} on {app} (HTTP callbacks, wecom-events and file-scan queues, timers)...");
            var functionsHost = await FunctionsAppHost.StartAsync(location, app, Path.Combine(options.OutputDirectory, "functions-host"), settings, cancellationToken);
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"      host answered ping after {functionsHost.Process.TimeToPing.TotalSeconds:F1} s, indexed every function after {functionsHost.Process.TimeToIndexed.TotalSeconds:F1} s (log {functionsHost.Process.LogPath})"));
            return functionsHost;
        }

        Step(2, "Starting wecomguard serve (HTTP callbacks, wecom-events and file-scan queues)...");
        return await ServeAppHost.StartAsync(settings, LogLevel.Error, cancellationToken);
    }

    private void Step(int number, string text) => progress.WriteLine($"[{number}/9] {text}");

    // A security team member clicks 停用账号 on the first departed-but-enabled account's card and 豁免 on the next
    // actionable card, as WeCom would deliver the clicks: signed template_card_event callbacks to WeCom Guard's app.
    private async Task ApproveFromCardsAsync(StorageClients storage, SandboxServer sandbox, string approver, string corpId, string token, string aesKey, Uri callbackUrl, CancellationToken cancellationToken)
    {
        var cards = new List<TableEntity>();
        await foreach (var card in storage.Table(StorageNames.ActionsTable).QueryAsync<TableEntity>(c => c.PartitionKey == ActionStore.CardPartition, cancellationToken: cancellationToken))
        {
            if (card.GetString("Status") == NotificationStatus.Sent)
            {
                cards.Add(card);
            }
        }

        var disable = cards.FirstOrDefault(c => c.GetString("Rule") == AuditRuleCatalog.DepartedStillEnabled.Id);
        var waive = cards.FirstOrDefault(c => c != disable);
        using var http = new HttpClient();
        var sender = new WeComCallbackSender(http, new CallbackSenderOptions { CallbackUrl = callbackUrl, Token = token, EncodingAesKey = aesKey, ReceiveId = corpId, RetryDelay = TimeSpan.FromSeconds(1) });
        foreach (var (card, action) in new[] { (disable, RemediationActionNames.Disable), (waive, RemediationActionNames.Waive) })
        {
            if (card is null)
            {
                continue;
            }

            await sandbox.State.Cards.ClickAsync(sender, corpId, approver, card.RowKey, action, cancellationToken);
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (DateTime.UtcNow < deadline)
            {
                var row = await storage.Table(StorageNames.ActionsTable).GetEntityIfExistsAsync<TableEntity>(ActionStore.ActionPartition, ActionStore.TaskActionId(card.RowKey), cancellationToken: cancellationToken);
                if (row.HasValue && row.Value!.GetString("Status") != ActionStatus.Running)
                {
                    progress.WriteLine($"      {approver} clicked {action} on {card.GetString("Rule")} {card.GetString("Subject")}: {row.Value.GetString("Status")} ({row.Value.GetString("Summary")})");
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }

    private static async Task CollectLoopAsync(StorageClients storage, LocalRunSummary summary, CancellationToken cancellationToken)
    {
        await foreach (var row in storage.Table(StorageNames.NotificationsTable).QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            if (!row.RowKey.Contains('|', StringComparison.Ordinal))
            {
                var status = row.GetString("Status") ?? "?";
                summary.NudgesByStatus[status] = summary.NudgesByStatus.GetValueOrDefault(status) + 1;
            }
            else if (row.GetString("Status") == NotificationStatus.Sent)
            {
                summary.FindingsNudged++;
            }
        }

        await foreach (var row in storage.Table(StorageNames.ActionsTable).QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            if (row.PartitionKey == ActionStore.CardPartition && row.GetString("Status") == NotificationStatus.Sent)
            {
                summary.CardsSent++;
            }
            else if (row.PartitionKey == ActionStore.ActionPartition)
            {
                summary.Actions.Add((row.GetString("Action") ?? "?", row.GetString("Rule") ?? "?", row.GetString("Subject") ?? "?", row.GetString("Approver") ?? "?", row.GetString("Status") ?? "?"));
            }
        }

        await foreach (var row in storage.Table(StorageNames.WaiversTable).QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            if (row.GetDateTimeOffset("ExpiresAt") > DateTimeOffset.UtcNow)
            {
                summary.ActiveWaivers++;
            }
        }
    }

    // The sensitive roster file is forwarded to WeChat by a member: the file-transfer audit should catch it by its MD5.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351", Justification = "WeCom's file operation records identify files by MD5.")]
    private static void PlantExternalShare(SandboxTenant tenant, byte[] sensitiveFile)
    {
        var sharer = tenant.Members.First(m => m.Status == 1);
        tenant.FileOperRecords.Add(new SandboxFileOperRecord
        {
            Time = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds(),
            UserId = sharer.UserId,
            OperationType = 134,
            FileInfo = "员工信息表.csv",
            FileSize = sensitiveFile.Length,
            FileMd5 = Convert.ToHexStringLower(MD5.HashData(sensitiveFile)),
            DeviceType = 2,
            DeviceCode = "LOCAL-RUN",
        });
    }

    private async Task SendCallbacksAsync(
        StorageClients storage, SandboxState wecom, SandboxTenant tenant, string corpId, string token, string aesKey, Uri callbackUrl, LocalRunSummary summary, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var events = new List<string>();
        var probe = new CallbackFindingProbe(storage);

        // One event in ten is a member leaving who owns customer groups: WeCom deletes the member, and the re-check of
        // that callback finds each of their groups' owner gone. One in ten is a group renamed to nothing (群聊), which
        // its re-check finds unnamed. They are people and groups no planted violation is about.
        var planted = tenant.Planted.SelectMany(p => p.Subject.Split('|')).ToHashSet(StringComparer.Ordinal);
        var leaving = tenant.Members.Skip(1)
            .Where(m => m.Status == 1 && !planted.Contains(m.UserId) && tenant.GroupChats.Any(c => c.Owner == m.UserId) && tenant.FileOperRecords.All(r => r.UserId != m.UserId))
            .Take(Math.Max(1, options.Events / 10))
            .Select(m => m.UserId)
            .ToHashSet(StringComparer.Ordinal);
        var renamed = tenant.GroupChats
            .Where(c => c.Name.Length > 0 && !planted.Contains(c.ChatId) && !leaving.Contains(c.Owner))
            .Take(Math.Max(1, options.Events / 10))
            .Select(c => c.ChatId)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var userId in leaving)
        {
            probe.Expect(events.Count, tenant.GroupChats.Where(c => c.Owner == userId).Select(c => (AuditRuleCatalog.GroupOwnerDeparted.Id, c.ChatId)));
            events.Add(CallbackEventXml.DeleteUser(corpId, userId, now));
        }

        wecom.Mutate(t =>
        {
            t.Members.RemoveAll(m => leaving.Contains(m.UserId));
            t.GroupChats.Where(c => renamed.Contains(c.ChatId)).ToList().ForEach(c => c.Name = string.Empty);
        });
        foreach (var member in tenant.Members.Where(m => !leaving.Contains(m.UserId)).Take((options.Events * 2 / 3) - events.Count))
        {
            events.Add(CallbackEventXml.UpdateUser(corpId, member.UserId, now));
        }

        foreach (var chat in tenant.GroupChats.OrderBy(c => !renamed.Contains(c.ChatId)).Take(options.Events - events.Count))
        {
            if (renamed.Contains(chat.ChatId))
            {
                probe.Expect(events.Count, [(AuditRuleCatalog.GroupUnnamed.Id, chat.ChatId)]);
            }

            events.Add(CallbackEventXml.ExternalChatUpdate(corpId, chat.ChatId, "change_name", now));
        }

        summary.CallbackFindingsAlreadyOpen = await probe.ExcludeAlreadyOpenAsync(cancellationToken);

        // WeCom retries when an answer is late or lost: every tenth event arrives twice.
        var deliveries = events.Select((xml, i) => (Index: i, Xml: xml)).Concat(events.Select((xml, i) => (Index: i, Xml: xml)).Where(e => e.Index % 10 == 0)).ToList();
        using var http = new HttpClient();
        var sender = new WeComCallbackSender(http, new CallbackSenderOptions
        {
            CallbackUrl = callbackUrl, Token = token, EncodingAesKey = aesKey, ReceiveId = corpId, RetryDelay = TimeSpan.FromSeconds(1),
        });
        var acknowledged = 0;
        var done = 0;
        var burst = Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (delivery, ct) =>
        {
            probe.Posting(delivery.Index);
            var answer = await sender.SendAsync(delivery.Xml, ct);
            if (answer.Delivered)
            {
                Interlocked.Increment(ref acknowledged);
            }

            if (Interlocked.Increment(ref done) % 100 == 0)
            {
                progress.WriteLine($"      {done}/{deliveries.Count} callbacks answered");
            }
        });
        await probe.WatchAsync(burst, TimeSpan.FromMinutes(5), cancellationToken);
        await burst;
        summary.CallbackToFinding.AddRange(probe.Latencies());
        summary.CallbacksSent = deliveries.Count;
        summary.CallbacksAcknowledged = acknowledged;

        var forger = new WeComCallbackSender(http, new CallbackSenderOptions
        {
            CallbackUrl = callbackUrl, Token = "not-the-token", EncodingAesKey = aesKey, ReceiveId = corpId, MaxRetries = 0,
        });
        summary.ForgedCallbackStatus = (await forger.SendAsync(events[0], cancellationToken)).LastStatus ?? 0;
        progress.WriteLine($"      {acknowledged}/{deliveries.Count} acknowledged with 200; a forged callback got {summary.ForgedCallbackStatus}");
    }

    private static async Task<List<(string Name, string Blob)>> UploadSamplesAsync(StorageClients storage, IReadOnlyList<(string Name, byte[] Content)> samples, SandboxTenant tenant, CancellationToken cancellationToken)
    {
        var container = storage.Container(StorageNames.IncomingFilesContainer);
        var queue = storage.Queue(StorageNames.FileScanQueue);
        var today = DateTimeOffset.UtcNow;
        var uploaded = new List<(string Name, string Blob)>();
        var index = 0;
        foreach (var (name, content) in samples)
        {
            var msgId = string.Create(CultureInfo.InvariantCulture, $"localrun{today.ToUnixTimeSeconds()}{index++:D3}");
            var blobName = string.Create(CultureInfo.InvariantCulture, $"archive/{today:yyyy}/{today:MM}/{today:dd}/{msgId}/{name}");
            await container.GetBlobClient(blobName).UploadAsync(new BinaryData(content), new BlobUploadOptions
            {
                Metadata = new Dictionary<string, string>
                {
                    ["sender"] = tenant.Members[index % tenant.Members.Count].UserId,
                    ["msgtime"] = today.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                },
            }, cancellationToken);
            await queue.SendMessageAsync($"{{\"container\":\"{StorageNames.IncomingFilesContainer}\",\"blob\":\"{blobName}\"}}", cancellationToken);
            uploaded.Add((name, blobName));
        }

        return uploaded;
    }

    private async Task WaitForQueuesAsync(StorageClients storage, int files, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            var pending = 0;
            var processed = 0;
            await foreach (var entity in storage.Table(StorageNames.WeComEventsTable).QueryAsync<TableEntity>(e => e.PartitionKey == App, select: ["Status"], cancellationToken: cancellationToken))
            {
                if (entity.GetString("Status") == WeComEventStatus.Processed)
                {
                    processed++;
                }
                else if (entity.GetString("Status") != WeComEventStatus.Failed)
                {
                    pending++;
                }
            }

            var scanned = 0;
            await foreach (var _ in storage.Table(StorageNames.FileScansTable).QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken))
            {
                scanned++;
            }

            // A FileScans row is written before the scan's finding; a message leaves its queue only once its function is done.
            var queued = 0;
            foreach (var queue in StorageNames.Queues)
            {
                queued += (await storage.Queue(queue).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
            }

            progress.WriteLine($"      events processed {processed}, pending {pending}; files scanned {scanned}/{files}; messages queued {queued}");
            if (pending == 0 && scanned >= files && queued == 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }

        throw new TimeoutException("Events or files were still pending after 5 minutes; see the poison queues (wecomguard poison list).");
    }

    private async Task CollectAsync(StorageClients storage, List<(string Name, string Blob)> blobs, SandboxTenant tenant, LocalRunSummary summary, CancellationToken cancellationToken)
    {
        await foreach (var entity in storage.Table(StorageNames.WeComEventsTable).QueryAsync<TableEntity>(e => e.PartitionKey == App, cancellationToken: cancellationToken))
        {
            var status = entity.GetString("Status") ?? "?";
            summary.EventsByStatus[status] = summary.EventsByStatus.GetValueOrDefault(status) + 1;
        }

        var scans = new List<TableEntity>();
        await foreach (var entity in storage.Table(StorageNames.FileScansTable).QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            scans.Add(entity);
        }

        foreach (var (name, blob) in blobs)
        {
            var scan = scans.FirstOrDefault(s => (s.GetString("Source") ?? string.Empty).EndsWith(blob, StringComparison.Ordinal));
            summary.Files.Add((name, scan?.GetString("Status") ?? "not scanned", scan?.GetString("Verdict") ?? "-", scan?.GetString("HighestConfidence")));
        }

        var open = new HashSet<(string Rule, string Subject)>();
        var events = new WeComEventStore(storage);
        await foreach (var finding in storage.Table(StorageNames.FindingsTable).QueryAsync<TableEntity>(f => f.GetString("Status") == "open", cancellationToken: cancellationToken))
        {
            // A finding a callback's re-check opened: from the callback's arrival to the finding.
            if (finding.GetString(FindingEntityColumns.FirstRunId) is { } firstRun && firstRun.StartsWith(ChangeRecheck.RunIdPrefix, StringComparison.Ordinal)
                && await events.GetAsync(App, firstRun[ChangeRecheck.RunIdPrefix.Length..], cancellationToken) is { } cause
                && finding.GetDateTimeOffset(FindingEntityColumns.FirstSeen) is { } firstSeen)
            {
                summary.RecheckLatencies.Add(firstSeen - cause.ReceivedAt);
            }

            var severity = finding.GetString("Severity") ?? "?";
            summary.OpenFindingsBySeverity[severity] = summary.OpenFindingsBySeverity.GetValueOrDefault(severity) + 1;
            summary.OpenFindingsByRule[finding.PartitionKey] = summary.OpenFindingsByRule.GetValueOrDefault(finding.PartitionKey) + 1;
            open.Add((finding.PartitionKey, finding.GetString("Subject") ?? string.Empty));
        }

        foreach (var planted in tenant.Planted.Where(p => PlantedRules.ByKind.ContainsKey(p.Kind)))
        {
            var rule = PlantedRules.ByKind[planted.Kind];
            summary.Planted.Add((planted.Kind, rule, planted.Subject, open.Contains((rule, planted.Subject))));
        }

        var reports = storage.Container(StorageNames.AuditReportsContainer);
        await foreach (var run in storage.Table(StorageNames.AuditRunsTable).QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            var reportPath = run.GetString("ReportPath");
            summary.Runs.Add((run.GetString("Audit") ?? run.PartitionKey, run.GetString("Status") ?? "?", reportPath));
            if (reportPath is null)
            {
                continue;
            }

            var prefix = reportPath[(StorageNames.AuditReportsContainer.Length + 1)..];
            await foreach (var blob in reports.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
            {
                // Laid out as the storage account is ({container}/{blob}), so the index's relative links work locally.
                var local = Path.Combine(options.OutputDirectory, StorageNames.AuditReportsContainer, blob.Name.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(local)!);
                await reports.GetBlobClient(blob.Name).DownloadToAsync(local, cancellationToken);
                summary.ReportFiles.Add(local);
            }
        }

        var index = storage.Container(StorageNames.AuditIndexContainer).GetBlobClient(AuditIndexStore.IndexBlob);
        if (await index.ExistsAsync(cancellationToken))
        {
            var local = Path.Combine(options.OutputDirectory, StorageNames.AuditIndexContainer, AuditIndexStore.IndexBlob);
            Directory.CreateDirectory(Path.GetDirectoryName(local)!);
            await index.DownloadToAsync(local, cancellationToken);
            summary.IndexPage = local;
        }
    }

    private static string RandomToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string RandomAesKey()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(alphabet, 43);
    }
}
