using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeComGuard.Core.Events;
using WeComGuard.Core.WeCom;

namespace WeComGuard.Core.DirectoryMirror;

/// <summary>
/// Keeps the directory mirror current from callbacks. Each event is treated as "re-read this object": since 2022
/// contact events may carry only the UserID, and events can repeat or arrive out of order, so the mirror stores what
/// WeCom says now rather than what the event says. Deletions are confirmed with WeCom before they are recorded.
/// </summary>
public sealed class DirectoryMirrorApplier : IWeComEventApplier
{
    private const int MemberNotFound = WeComErrorCodes.MemberNotFound;
    private const int DepartmentNotFound = WeComErrorCodes.DepartmentNotFound;
    private const int GroupChatNotFound = WeComErrorCodes.GroupChatNotFound;

    private readonly WeComApiClient _client;
    private readonly DirectoryStore _store;
    private readonly ILogger<DirectoryMirrorApplier> _logger;
    private readonly bool _enabled;

    public DirectoryMirrorApplier(WeComApiClient client, DirectoryStore store, IOptions<WeComOptions> options, ILogger<DirectoryMirrorApplier> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _store = store;
        _logger = logger;
        _enabled = options.Value.IsConfigured;
    }

    public Task ApplyAsync(WeComEventContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var e = context.Event;
        if (!_enabled && e.Event is "change_contact" or "change_external_chat")
        {
            // Recording callbacks works without WeCom API access; the mirror needs it to re-read objects.
            _logger.MirrorNotConfigured(e.Kind);
            return Task.CompletedTask;
        }

        var eventTime = e.CreateTime ?? _store.Now;
        return e.Event switch
        {
            "change_contact" => ApplyContactAsync(e, eventTime, cancellationToken),
            "change_external_chat" => ApplyExternalChatAsync(e, eventTime, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    private async Task ApplyContactAsync(WeComEvent e, DateTimeOffset eventTime, CancellationToken cancellationToken)
    {
        switch (e.ChangeType)
        {
            case "create_user" or "update_user" or "delete_user":
                var userId = Field(e, "UserID");
                if (userId is null)
                {
                    _logger.EventIgnored("change_contact", e.ChangeType, "UserID");
                    return;
                }

                var newUserId = Field(e, "NewUserID");
                if (newUserId is not null && newUserId != userId)
                {
                    // The userid changed: the old key no longer exists in WeCom.
                    await _store.MarkMemberRemovedAsync(userId, eventTime, cancellationToken).ConfigureAwait(false);
                    userId = newUserId;
                }

                await RefreshMemberAsync(userId, eventTime, isDelete: e.ChangeType == "delete_user", cancellationToken).ConfigureAwait(false);
                break;
            case "create_party" or "update_party" or "delete_party":
                if (!int.TryParse(Field(e, "Id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var departmentId))
                {
                    _logger.EventIgnored("change_contact", e.ChangeType, "a valid Id");
                    return;
                }

                await RefreshDepartmentAsync(departmentId, eventTime, cancellationToken).ConfigureAwait(false);
                break;
            default:
                // Tags (update_tag) are not mirrored.
                break;
        }
    }

    private async Task RefreshMemberAsync(string userId, DateTimeOffset eventTime, bool isDelete, CancellationToken cancellationToken)
    {
        WeComMember member;
        try
        {
            member = await _client.GetMemberAsync(userId, cancellationToken).ConfigureAwait(false);
        }
        catch (WeComApiException ex) when (ex.ErrorCode == MemberNotFound)
        {
            // The delete event's time is the removal time; another event that finds the member gone (arriving late)
            // records a removal only if none is recorded yet.
            if (isDelete || (await _store.GetMemberAsync(userId, cancellationToken).ConfigureAwait(false)) is not { Removed: true })
            {
                await _store.MarkMemberRemovedAsync(userId, eventTime, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await _store.UpsertMemberAsync(member, cancellationToken).ConfigureAwait(false);
    }

    private async Task RefreshDepartmentAsync(int id, DateTimeOffset eventTime, CancellationToken cancellationToken)
    {
        WeComDepartment department;
        try
        {
            department = await _client.GetDepartmentAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (WeComApiException ex) when (ex.ErrorCode == DepartmentNotFound)
        {
            await _store.MarkDepartmentRemovedAsync(id, eventTime, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _store.UpsertDepartmentAsync(department, cancellationToken).ConfigureAwait(false);
    }

    private async Task ApplyExternalChatAsync(WeComEvent e, DateTimeOffset eventTime, CancellationToken cancellationToken)
    {
        var chatId = Field(e, "ChatId");
        if (chatId is null)
        {
            _logger.EventIgnored("change_external_chat", e.ChangeType, "ChatId");
            return;
        }

        if (e.ChangeType == "dismiss")
        {
            await _store.MarkGroupChatDismissedAsync(chatId, eventTime, cancellationToken).ConfigureAwait(false);
            return;
        }

        var stored = await _store.GetGroupChatAsync(chatId, cancellationToken).ConfigureAwait(false);
        if (stored is { Dismissed: true })
        {
            // A late create/update after the dismissal: WeCom no longer serves the group, and the mirror already knows.
            return;
        }

        WeComGroupChat chat;
        try
        {
            chat = await _client.GetGroupChatAsync(chatId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (WeComApiException ex) when (ex.ErrorCode == GroupChatNotFound)
        {
            await _store.MarkGroupChatRemovedAsync(chatId, eventTime, cancellationToken).ConfigureAwait(false);
            return;
        }

        int? gaps = null;
        var last = Field(e, "LastMemVer");
        var current = Field(e, "CurMemVer");
        if (stored?.MemberVersion is { } known && last is not null && known != last && known != current && known != chat.MemberVersion)
        {
            // The mirror's version is neither this event's "before" nor its "after" nor WeCom's current one: an
            // earlier member change was missed (or is still on its way). The re-read above repairs the members.
            gaps = stored.MemberVersionGaps + 1;
            _logger.GroupVersionGap(chatId, known, last);
        }

        await _store.UpsertGroupChatAsync(chat, status: null, gaps, cancellationToken).ConfigureAwait(false);
    }

    private static string? Field(WeComEvent e, string name) =>
        e.Fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
