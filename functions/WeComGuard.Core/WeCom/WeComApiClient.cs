using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace WeComGuard.Core.WeCom;

/// <summary>
/// WeCom's server API as WeCom Guard uses it. Tokens come from <see cref="WeComAccessTokenCache"/> (refetched once on
/// 40014/42001); -1, 45009 and 45033 are retried here with backoff and jitter; HTTP 5xx and timeouts are retried by the
/// named HttpClient's resilience handler; each API path is rate-limited client-side. Other errcodes throw
/// <see cref="WeComApiException"/>. Access tokens never appear in logs or exceptions.
/// </summary>
public sealed partial class WeComApiClient
{
    public const string HttpClientName = "WeCom";
    internal const long MemberOperLogMaxSpanSeconds = 7 * 86400;
    internal const long FileOperRecordMaxSpanSeconds = 14 * 86400;
    internal const long AdminOperLogMaxSpanSeconds = 7 * 86400;
    private const string ApiPrefix = "/cgi-bin/";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly WeComAccessTokenCache _tokens;
    private readonly WeComOptions _options;
    private readonly ILogger<WeComApiClient> _logger;
    private readonly ResiliencePipeline _busyRetry;

    /// <summary>True when a corp id and a secret are set (<see cref="WeComOptions.IsConfigured"/>); otherwise nothing here can call WeCom.</summary>
    public bool IsConfigured => _options.IsConfigured;

    public WeComApiClient(IHttpClientFactory httpClientFactory, WeComAccessTokenCache tokens, IOptions<WeComOptions> options, ILogger<WeComApiClient> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _httpClientFactory = httpClientFactory;
        _tokens = tokens;
        _options = options.Value;
        _logger = logger;
        var builder = new ResiliencePipelineBuilder();
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<WeComApiException>(e => e.IsTransient),
                MaxRetryAttempts = _options.MaxRetries,
                Delay = _options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromMinutes(1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is WeComApiException busy)
                    {
                        _logger.Retry(busy.ApiPath, busy.ErrorCode, args.AttemptNumber + 1, args.RetryDelay);
                    }

                    return ValueTask.CompletedTask;
                },
            });
        }

        _busyRetry = builder.Build();
    }

    // ---- Contacts (通讯录) ----

    /// <summary>department/simplelist: every department id under <paramref name="rootId"/> (all visible ones when null).</summary>
    public async Task<IReadOnlyList<WeComDepartmentRef>> ListDepartmentIdsAsync(int? rootId = null, CancellationToken cancellationToken = default)
    {
        var query = rootId is null ? null : "id=" + rootId.Value.ToString(CultureInfo.InvariantCulture);
        var response = await GetAsync(WeComCredential.Contacts, "department/simplelist", query, WeComJsonContext.Default.DepartmentSimpleListResponse, cancellationToken).ConfigureAwait(false);
        return response.DepartmentId;
    }

    /// <summary>department/get.</summary>
    public async Task<WeComDepartment> GetDepartmentAsync(int id, CancellationToken cancellationToken = default)
    {
        var response = await GetAsync(WeComCredential.Contacts, "department/get", "id=" + id.ToString(CultureInfo.InvariantCulture), WeComJsonContext.Default.DepartmentGetResponse, cancellationToken).ConfigureAwait(false);
        return response.Department ?? throw new WeComApiException("department/get", WeComErrorCodes.IncompleteAnswer, "no department in the answer");
    }

    /// <summary>user/list_id (contacts-sync secret only): one row per (userid, department), following next_cursor.</summary>
    public IAsyncEnumerable<WeComDepartmentUser> ListUserIdsAsync(int pageSize = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 10_000);
        const string Api = "user/list_id";
        return WeComPager.ReadAllAsync(
            Api,
            _options.MaxPagesPerListing,
            (cursor, token) => PostAsync(WeComCredential.Contacts, Api, new UserListIdRequest { Cursor = cursor, Limit = pageSize },
                WeComJsonContext.Default.UserListIdRequest, WeComJsonContext.Default.UserListIdResponse, token),
            page => new WeComPage<WeComDepartmentUser>(page.DeptUser, page.NextCursor),
            cancellationToken);
    }

    /// <summary>user/get; a member WeCom does not have throws <see cref="WeComApiException"/> with errcode 60111.</summary>
    public Task<WeComMember> GetMemberAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return GetAsync(WeComCredential.Contacts, "user/get", "userid=" + Uri.EscapeDataString(userId), WeComJsonContext.Default.WeComMember, cancellationToken);
    }

    /// <summary>user/list for one department without fetch_child (WeCom answers 45029 when the answer would be too big).</summary>
    public async Task<IReadOnlyList<WeComMember>> ListMembersAsync(int departmentId, CancellationToken cancellationToken = default)
    {
        var response = await GetAsync(WeComCredential.Contacts, "user/list", "department_id=" + departmentId.ToString(CultureInfo.InvariantCulture), WeComJsonContext.Default.UserListResponse, cancellationToken).ConfigureAwait(false);
        return response.UserList;
    }

    // ---- Customer groups (客户群) ----

    /// <summary>externalcontact/groupchat/list, following next_cursor. Pass up to 100 owners when the app sees more than 1,000 members (81017).</summary>
    public IAsyncEnumerable<WeComGroupChatRef> ListGroupChatsAsync(
        WeComGroupChatStatusFilter status = WeComGroupChatStatusFilter.All, IReadOnlyList<string>? ownerUserIds = null,
        int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        if (ownerUserIds is { Count: > 100 })
        {
            throw new ArgumentOutOfRangeException(nameof(ownerUserIds), "WeCom accepts at most 100 owners per call.");
        }

        const string Api = "externalcontact/groupchat/list";
        var owners = ownerUserIds is { Count: > 0 } ? new OwnerFilter { UserIdList = ownerUserIds } : null;
        return WeComPager.ReadAllAsync(
            Api,
            _options.MaxPagesPerListing,
            (cursor, token) => PostAsync(WeComCredential.CustomerContact, Api,
                new GroupChatListRequest { StatusFilter = (int)status, OwnerFilter = owners, Cursor = cursor, Limit = pageSize },
                WeComJsonContext.Default.GroupChatListRequest, WeComJsonContext.Default.GroupChatListResponse, token),
            page => new WeComPage<WeComGroupChatRef>(page.GroupChatList, page.NextCursor),
            cancellationToken);
    }

    /// <summary>externalcontact/groupchat/get.</summary>
    public async Task<WeComGroupChat> GetGroupChatAsync(string chatId, bool needName = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(chatId);
        var response = await PostAsync(WeComCredential.CustomerContact, "externalcontact/groupchat/get", new GroupChatGetRequest { ChatId = chatId, NeedName = needName ? 1 : 0 },
            WeComJsonContext.Default.GroupChatGetRequest, WeComJsonContext.Default.GroupChatGetResponse, cancellationToken).ConfigureAwait(false);
        return response.GroupChat ?? throw new WeComApiException("externalcontact/groupchat/get", WeComErrorCodes.IncompleteAnswer, "no group_chat in the answer");
    }

    /// <summary>appchat/get: only chats the app created; the app needs the root department as visible range (48002).</summary>
    public async Task<WeComAppChat> GetAppChatAsync(string chatId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(chatId);
        var response = await GetAsync(WeComCredential.App, "appchat/get", "chatid=" + Uri.EscapeDataString(chatId), WeComJsonContext.Default.AppChatGetResponse, cancellationToken).ConfigureAwait(false);
        return response.ChatInfo ?? throw new WeComApiException("appchat/get", WeComErrorCodes.IncompleteAnswer, "no chat_info in the answer");
    }

    /// <summary>externalcontact/get_unassigned_list: departed members' customers awaiting handover.</summary>
    public IAsyncEnumerable<WeComUnassignedCustomer> ListUnassignedCustomersAsync(int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        const string Api = "externalcontact/get_unassigned_list";
        return WeComPager.ReadAllAsync(
            Api,
            _options.MaxPagesPerListing,
            (cursor, token) => PostAsync(WeComCredential.CustomerContact, Api, new UnassignedListRequest { PageSize = pageSize, Cursor = cursor },
                WeComJsonContext.Default.UnassignedListRequest, WeComJsonContext.Default.UnassignedListResponse, token),
            page => new WeComPage<WeComUnassignedCustomer>(page.Info, page.NextCursor, HasMore: !page.IsLast),
            cancellationToken);
    }

    /// <summary>externalcontact/get_follow_user_list: the members configured for customer contact (one GET, no paging).</summary>
    public async Task<IReadOnlyList<string>> ListFollowUsersAsync(CancellationToken cancellationToken = default)
    {
        var response = await GetAsync(WeComCredential.CustomerContact, "externalcontact/get_follow_user_list", null, WeComJsonContext.Default.FollowUserListResponse, cancellationToken).ConfigureAwait(false);
        return response.FollowUser;
    }

    // ---- Chat archive (会话内容存档) ----

    /// <summary>msgaudit/groupchat/get: an internal group learned from archived messages; errcode 301052 once archiving has lapsed.</summary>
    public async Task<WeComArchiveRoom> GetArchiveRoomAsync(string roomId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(roomId);
        var response = await PostAsync(WeComCredential.Archive, "msgaudit/groupchat/get", new ArchiveRoomRequest { RoomId = roomId },
            WeComJsonContext.Default.ArchiveRoomRequest, WeComJsonContext.Default.ArchiveRoomResponse, cancellationToken).ConfigureAwait(false);
        return new WeComArchiveRoom(roomId, response.RoomName ?? string.Empty, response.Creator ?? string.Empty, response.RoomCreateTime, response.Notice ?? string.Empty, response.Members);
    }

    /// <summary>msgaudit/get_permit_user_list: the members whose chats are archived (type 1 office, 2 service, 3 enterprise; null for all).</summary>
    public async Task<IReadOnlyList<string>> ListArchivePermitUsersAsync(int? type = null, CancellationToken cancellationToken = default)
    {
        var response = await PostAsync(WeComCredential.Archive, "msgaudit/get_permit_user_list", new ArchivePermitUserListRequest { Type = type },
            WeComJsonContext.Default.ArchivePermitUserListRequest, WeComJsonContext.Default.ArchivePermitUserListResponse, cancellationToken).ConfigureAwait(false);
        return response.Ids;
    }

    // ---- Security (安全管理) ----

    /// <summary>security/member_oper_log/list over [start, end], split into 7-day spans, following has_more.</summary>
    public IAsyncEnumerable<WeComMemberOperLogRecord> ListMemberOperLogsAsync(
        DateTimeOffset start, DateTimeOffset end, int? operType = null, string? userId = null, CancellationToken cancellationToken = default) =>
        ListOperLogsAsync("security/member_oper_log/list", MemberOperLogMaxSpanSeconds, start, end, operType, userId,
            WeComJsonContext.Default.MemberOperLogResponse, cancellationToken);

    /// <summary>security/admin_oper_log/list over [start, end], split into 7-day spans, following has_more (600 calls/min).</summary>
    public IAsyncEnumerable<WeComAdminOperLogRecord> ListAdminOperLogsAsync(
        DateTimeOffset start, DateTimeOffset end, int? operType = null, string? userId = null, CancellationToken cancellationToken = default) =>
        ListOperLogsAsync("security/admin_oper_log/list", AdminOperLogMaxSpanSeconds, start, end, operType, userId,
            WeComJsonContext.Default.AdminOperLogResponse, cancellationToken);

    private async IAsyncEnumerable<TRecord> ListOperLogsAsync<TRecord>(
        string api, long maxSpanSeconds, DateTimeOffset start, DateTimeOffset end, int? operType, string? userId,
        JsonTypeInfo<OperLogResponse<TRecord>> responseType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (from, to) in Spans(start, end, maxSpanSeconds))
        {
            var records = WeComPager.ReadAllAsync(
                api,
                _options.MaxPagesPerListing,
                (cursor, token) => PostAsync(WeComCredential.Security, api,
                    new OperLogRequest { StartTime = from, EndTime = to, OperType = operType, UserId = userId, Cursor = cursor, Limit = 400 },
                    WeComJsonContext.Default.OperLogRequest, responseType, token),
                page => new WeComPage<TRecord>(page.RecordList, page.NextCursor, page.HasMore),
                cancellationToken);
            await foreach (var record in records.ConfigureAwait(false))
            {
                yield return record;
            }
        }
    }

    /// <summary>security/get_file_oper_record over [start, end], split into 14-day spans, following has_more.</summary>
    public async IAsyncEnumerable<WeComFileOperRecord> ListFileOperRecordsAsync(
        DateTimeOffset start, DateTimeOffset end, IReadOnlyList<string>? userIds = null, WeComFileOperation? operation = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (userIds is { Count: > 100 })
        {
            throw new ArgumentOutOfRangeException(nameof(userIds), "WeCom accepts at most 100 userids per call.");
        }

        const string Api = "security/get_file_oper_record";
        var users = userIds is { Count: > 0 } ? userIds : null;
        foreach (var (from, to) in Spans(start, end, FileOperRecordMaxSpanSeconds))
        {
            var records = WeComPager.ReadAllAsync(
                Api,
                _options.MaxPagesPerListing,
                (cursor, token) => PostAsync(WeComCredential.Security, Api,
                    new FileOperRecordRequest { StartTime = from, EndTime = to, UserIdList = users, Operation = operation, Cursor = cursor, Limit = 1000 },
                    WeComJsonContext.Default.FileOperRecordRequest, WeComJsonContext.Default.FileOperRecordResponse, token),
                page => new WeComPage<WeComFileOperRecord>(page.RecordList, page.NextCursor, page.HasMore),
                cancellationToken);
            await foreach (var record in records.ConfigureAwait(false))
            {
                yield return record;
            }
        }
    }

    // ---- Messages ----

    /// <summary>message/send of a text message from WeCom Guard's app (<c>WeCom__AppAgentId</c>).</summary>
    public Task<WeComSendResult> SendTextAsync(IEnumerable<string> userIds, string content, CancellationToken cancellationToken = default) =>
        SendAsync(userIds, "text", content, cancellationToken);

    /// <summary>message/send of a markdown message (at most 4,096 bytes).</summary>
    public Task<WeComSendResult> SendMarkdownAsync(IEnumerable<string> userIds, string content, CancellationToken cancellationToken = default) =>
        SendAsync(userIds, "markdown", content, cancellationToken);

    // ---- Media ----

    /// <summary>
    /// media/get into <paramref name="destination"/>: in Range chunks of <see cref="WeComOptions.MediaChunkBytes"/>
    /// (WeCom answers 830002 to a plain GET of a file over 20 MB), never writing more than <paramref name="maxBytes"/>.
    /// </summary>
    /// <exception cref="WeComMediaTooLargeException">The file is larger than <paramref name="maxBytes"/>.</exception>
    public async Task<WeComMediaDownload> DownloadMediaAsync(string mediaId, Stream destination, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mediaId);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        const string Api = "media/get";
        long written = 0;
        long? total = null;
        var fileName = string.Empty;
        var contentType = "application/octet-stream";
        while (total is null || written < total)
        {
            var from = written;
            var to = from + _options.MediaChunkBytes - 1;
            var chunk = await ExecuteWithTokenAsync(WeComCredential.App, Api, async (accessToken, token) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, BuildUri(_options.ApiBaseUrl, Api, accessToken, "media_id=" + Uri.EscapeDataString(mediaId)));
                request.Headers.Range = new RangeHeaderValue(from, to);
                request.Options.Set(WeComBufferingHandler.StreamResponse, true);
                var response = await WeComHttp.SendAsync(Http, request, Api, HttpCompletionOption.ResponseHeadersRead, _options, token).ConfigureAwait(false);
                try
                {
                    await WeComHttp.EnsureSuccessAsync(response, Api, token).ConfigureAwait(false);
                    if (response.Content.Headers.ContentDisposition is null)
                    {
                        // WeCom answers errors (40007, 830002, 42001...) as JSON without an attachment.
                        using (response)
                        {
                            var (error, _) = await WeComHttp.ReadEnvelopeAsync(response, Api, token).ConfigureAwait(false);
                            return (error.ErrCode!.Value, error.ErrMsg, (HttpResponseMessage?)null);
                        }
                    }

                    return (0, null, response);
                }
                catch
                {
                    response.Dispose();
                    throw;
                }
            }, cancellationToken).ConfigureAwait(false);

            using var response = chunk;
            var disposition = response.Content.Headers.ContentDisposition;
            var rawName = disposition?.FileNameStar ?? disposition?.FileName?.Trim('"') ?? string.Empty;
            fileName = Uri.UnescapeDataString(rawName);
            contentType = response.Content.Headers.ContentType?.MediaType ?? contentType;
            var partial = response.StatusCode == HttpStatusCode.PartialContent;
            var expected = partial ? response.Content.Headers.ContentRange?.Length : response.Content.Headers.ContentLength;
            if (expected > maxBytes)
            {
                throw new WeComMediaTooLargeException(maxBytes, expected);
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                written += await CopyCappedAsync(stream, destination, maxBytes - written, maxBytes, cancellationToken).ConfigureAwait(false);
            }

            if (!partial)
            {
                break;
            }

            total = response.Content.Headers.ContentRange?.Length ?? written;
            if (written == from)
            {
                throw new WeComApiException(Api, WeComErrorCodes.IncompleteAnswer, "an empty Range answer before the end of the file");
            }
        }

        return new WeComMediaDownload(fileName, contentType, written);
    }

    /// <summary>The API name of a request path: <c>/cgi-bin/user/get</c> is <c>user/get</c>.</summary>
    internal static string ApiName(string absolutePath)
    {
        var index = absolutePath.IndexOf(ApiPrefix, StringComparison.Ordinal);
        return index < 0 ? absolutePath.Trim('/') : absolutePath[(index + ApiPrefix.Length)..];
    }

    /// <summary>Builds an API URL under <paramref name="baseUrl"/>, which may carry a path prefix (a proxy).</summary>
    internal static Uri BuildUri(Uri baseUrl, string api, string? accessToken, string? query)
    {
        var url = baseUrl.ToString().TrimEnd('/') + ApiPrefix + api;
        var parameters = new List<string>(2);
        if (accessToken is not null)
        {
            parameters.Add("access_token=" + Uri.EscapeDataString(accessToken));
        }

        if (!string.IsNullOrEmpty(query))
        {
            parameters.Add(query);
        }

        return new Uri(parameters.Count == 0 ? url : url + "?" + string.Join('&', parameters));
    }

    internal static IEnumerable<(long From, long To)> Spans(DateTimeOffset start, DateTimeOffset end, long maxSpanSeconds)
    {
        if (end < start)
        {
            throw new ArgumentException("The end must not be before the start.", nameof(end));
        }

        var from = start.ToUnixTimeSeconds();
        var last = end.ToUnixTimeSeconds();
        while (from <= last)
        {
            var to = Math.Min(from + maxSpanSeconds, last);
            yield return (from, to);
            from = to + 1;
        }
    }

    private HttpClient Http => _httpClientFactory.CreateClient(HttpClientName);

    private async Task<WeComSendResult> SendAsync(IEnumerable<string> userIds, string msgType, string content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentException.ThrowIfNullOrEmpty(content);
        var to = string.Join('|', userIds.Where(u => !string.IsNullOrWhiteSpace(u)));
        if (to.Length == 0)
        {
            throw new ArgumentException("At least one userid is needed.", nameof(userIds));
        }

        var message = new MessageContent { Content = content };
        var request = new MessageSendRequest
        {
            ToUser = to,
            MsgType = msgType,
            AgentId = _options.AppAgentId,
            Text = msgType == "text" ? message : null,
            Markdown = msgType == "markdown" ? message : null,
        };
        var response = await PostAsync(WeComCredential.App, "message/send", request, WeComJsonContext.Default.MessageSendRequest, WeComJsonContext.Default.MessageSendResponse, cancellationToken).ConfigureAwait(false);
        return new WeComSendResult { MsgId = response.MsgId, InvalidUser = response.InvalidUser };
    }

    private Task<T> GetAsync<T>(WeComCredential credential, string api, string? query, JsonTypeInfo<T> resultType, CancellationToken cancellationToken) =>
        SendJsonAsync<object, T>(credential, HttpMethod.Get, api, query, default, null, resultType, cancellationToken);

    private Task<T> PostAsync<TRequest, T>(WeComCredential credential, string api, TRequest body, JsonTypeInfo<TRequest> bodyType, JsonTypeInfo<T> resultType, CancellationToken cancellationToken) =>
        SendJsonAsync(credential, HttpMethod.Post, api, null, body, bodyType, resultType, cancellationToken);

    private Task<T> SendJsonAsync<TRequest, T>(
        WeComCredential credential, HttpMethod method, string api, string? query, TRequest? body, JsonTypeInfo<TRequest>? bodyType,
        JsonTypeInfo<T> resultType, CancellationToken cancellationToken)
    {
        return ExecuteWithTokenAsync(credential, api, async (accessToken, token) =>
        {
            using var request = new HttpRequestMessage(method, BuildUri(_options.ApiBaseUrl, api, accessToken, query));
            if (bodyType is not null)
            {
                request.Content = WeComHttp.JsonBody(body!, bodyType);
            }

            using var response = await WeComHttp.SendAsync(Http, request, api, HttpCompletionOption.ResponseContentRead, _options, token).ConfigureAwait(false);
            var (envelope, bytes) = await WeComHttp.ReadEnvelopeAsync(response, api, token).ConfigureAwait(false);
            if (envelope.ErrCode != WeComErrorCodes.Ok)
            {
                return (envelope.ErrCode!.Value, envelope.ErrMsg, default(T));
            }

            return (WeComErrorCodes.Ok, (string?)null, WeComHttp.ReadPayload(bytes, resultType, api));
        }, cancellationToken);
    }

    /// <summary>
    /// Runs one API call with a token: refetches the token and repeats once on 40014/42001, retries busy errcodes,
    /// and turns any other errcode into <see cref="WeComApiException"/>.
    /// </summary>
    private async Task<T> ExecuteWithTokenAsync<T>(
        WeComCredential credential, string api, Func<string, CancellationToken, Task<(int ErrCode, string? ErrMsg, T? Result)>> call,
        CancellationToken cancellationToken)
    {
        return await _busyRetry.ExecuteAsync(async token =>
        {
            var accessToken = await _tokens.GetTokenAsync(credential, token).ConfigureAwait(false);
            var (errcode, errmsg, result) = await call(accessToken, token).ConfigureAwait(false);
            if (WeComErrorCodes.IsTokenRefused(errcode))
            {
                _logger.TokenRefused(api, errcode);
                _tokens.Invalidate(credential, accessToken);
                accessToken = await _tokens.GetTokenAsync(credential, token).ConfigureAwait(false);
                (errcode, errmsg, result) = await call(accessToken, token).ConfigureAwait(false);
            }

            if (errcode != WeComErrorCodes.Ok)
            {
                throw new WeComApiException(api, errcode, errmsg ?? string.Empty);
            }

            return result!;
        }, cancellationToken).ConfigureAwait(false);
    }

    // The body of a media chunk is streamed, outside the attempt timeout: a read that gets no byte for that long ends it.
    private async Task<long> CopyCappedAsync(Stream source, Stream destination, long remaining, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long copied = 0;
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (true)
        {
            stall.CancelAfter(_options.AttemptTimeout);
            int read;
            try
            {
                read = await source.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException stalled) when (!cancellationToken.IsCancellationRequested)
            {
                throw new WeComUnexpectedResponseException(
                    "media/get", WeComResponseProblem.Timeout,
                    $"the file stopped arriving: no bytes for {_options.AttemptTimeout.TotalSeconds:0.###} s after {copied} bytes of this chunk.",
                    innerException: stalled);
            }

            if (read == 0)
            {
                return copied;
            }

            if (copied + read > remaining)
            {
                throw new WeComMediaTooLargeException(maxBytes, null);
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            copied += read;
        }
    }
}
