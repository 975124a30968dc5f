using System.Text.Json.Nodes;

namespace WeComGuard.Core.WeCom;

// The write calls of the remediation loop: each is one request that WeCom either applies or refuses with an errcode.
public sealed partial class WeComApiClient
{
    /// <summary>Most chats externalcontact/groupchat/transfer takes in one call.</summary>
    public const int MaxChatsPerTransfer = 100;

    /// <summary>Most chats of one departed owner WeCom transfers in a day.</summary>
    public const int MaxChatsPerOwnerPerDay = 300;

    /// <summary>Most userids batch/invite takes in one call.</summary>
    public const int MaxInviteUsers = 1000;

    /// <summary>user/update with <c>enable</c> 0 (disable) or 1 (enable): needs the 通讯录同步 secret.</summary>
    public Task SetMemberEnabledAsync(string userId, bool enabled, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return PostAsync(WeComCredential.Contacts, "user/update", new UserUpdateEnableRequest { UserId = userId, Enable = enabled ? 1 : 0 },
            WeComJsonContext.Default.UserUpdateEnableRequest, WeComJsonContext.Default.WeComResponse, cancellationToken);
    }

    /// <summary>batch/invite for members: returns the userids WeCom would not invite (<c>invaliduser</c>).</summary>
    public async Task<IReadOnlyList<string>> InviteMembersAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentOutOfRangeException.ThrowIfZero(userIds.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(userIds.Count, MaxInviteUsers);
        var response = await PostAsync(WeComCredential.Contacts, "batch/invite", new BatchInviteRequest { User = userIds },
            WeComJsonContext.Default.BatchInviteRequest, WeComJsonContext.Default.BatchInviteResponse, cancellationToken).ConfigureAwait(false);
        return response.InvalidUser;
    }

    /// <summary>
    /// externalcontact/groupchat/transfer (离职继承) of at most <see cref="MaxChatsPerTransfer"/> chats to
    /// <paramref name="newOwner"/>: returns the chats WeCom refused, each with its errcode.
    /// </summary>
    public async Task<IReadOnlyList<WeComFailedChat>> TransferGroupChatsAsync(IReadOnlyList<string> chatIds, string newOwner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chatIds);
        ArgumentException.ThrowIfNullOrEmpty(newOwner);
        ArgumentOutOfRangeException.ThrowIfZero(chatIds.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chatIds.Count, MaxChatsPerTransfer);
        var response = await PostAsync(WeComCredential.CustomerContact, "externalcontact/groupchat/transfer",
            new GroupChatTransferRequest { ChatIdList = chatIds, NewOwner = newOwner },
            WeComJsonContext.Default.GroupChatTransferRequest, WeComJsonContext.Default.GroupChatTransferResponse, cancellationToken).ConfigureAwait(false);
        return response.FailedChatList;
    }

    /// <summary>message/send of a template card (<paramref name="card"/> is the <c>template_card</c> object).</summary>
    public async Task<WeComTemplateCardSent> SendTemplateCardAsync(IEnumerable<string> userIds, JsonObject card, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(card);
        var to = string.Join('|', userIds.Where(u => !string.IsNullOrWhiteSpace(u)));
        ArgumentException.ThrowIfNullOrEmpty(to, nameof(userIds));
        var response = await PostAsync(WeComCredential.App, "message/send",
            new TemplateCardSendRequest { ToUser = to, AgentId = _options.AppAgentId, TemplateCard = card },
            WeComJsonContext.Default.TemplateCardSendRequest, WeComJsonContext.Default.TemplateCardSendResponse, cancellationToken).ConfigureAwait(false);
        return new WeComTemplateCardSent(response.MsgId, response.InvalidUser, response.ResponseCode);
    }

    /// <summary>message/update_template_card: replaces the card of <paramref name="userIds"/> (a response_code works once, within 72 hours).</summary>
    public async Task<IReadOnlyList<string>> UpdateTemplateCardAsync(IReadOnlyList<string> userIds, string responseCode, JsonObject card, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentException.ThrowIfNullOrEmpty(responseCode);
        ArgumentNullException.ThrowIfNull(card);
        var response = await PostAsync(WeComCredential.App, "message/update_template_card",
            new TemplateCardUpdateRequest { UserIds = userIds, AgentId = _options.AppAgentId, ResponseCode = responseCode, TemplateCard = card },
            WeComJsonContext.Default.TemplateCardUpdateRequest, WeComJsonContext.Default.TemplateCardUpdateResponse, cancellationToken).ConfigureAwait(false);
        return response.InvalidUser;
    }
}
