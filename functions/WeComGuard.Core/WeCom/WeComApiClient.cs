using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
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
public sealed class WeComApiClient
{
    public const string HttpClientName = "WeCom";
    internal const long MemberOperLogMaxSpanSeconds = 7 * 86400;
    internal const long FileOperRecordMaxSpanSeconds = 14 * 86400;
    private const string ApiPrefix = "/cgi-bin/";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly WeComAccessTokenCache _tokens;
    private readonly WeComOptions _options;
    private readonly ILogger<WeComApiClient> _logger;
    private readonly ResiliencePipeline _busyRetry;

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
                        _logger.LogWarning("WeCom {Api} answered errcode {ErrCode}; retry {Attempt} in {Delay}.", busy.ApiPath, busy.ErrorCode, args.AttemptNumber + 1, args.RetryDelay);
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
        return response.Department ?? throw new WeComApiException("department/get", -2, "no department in the answer");
    }

    /// <summary>user/list_id (contacts-sync secret only): one row per (userid, department), following next_cursor.</summary>
    public async IAsyncEnumerable<WeComDepartmentUser> ListUserIdsAsync(int pageSize = 10_000, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 10_000);
        string? cursor = null;
        do
        {
            var page = await PostAsync(WeComCredential.Contacts, "user/list_id", new UserListIdRequest { Cursor = cursor, Limit = pageSize },
                WeComJsonContext.Default.UserListIdRequest, WeComJsonContext.Default.UserListIdResponse, cancellationToken).ConfigureAwait(false);
            foreach (var row in page.DeptUser)
            {
                yield return row;
            }

            cursor = page.NextCursor;
        }
        while (!string.IsNullOrEmpty(cursor));
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
    public async IAsyncEnumerable<WeComGroupChatRef> ListGroupChatsAsync(
        WeComGroupChatStatusFilter status = WeComGroupChatStatusFilter.All, IReadOnlyList<string>? ownerUserIds = null,
        int pageSize = 1000, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        if (ownerUserIds is { Count: > 100 })
        {
            throw new ArgumentOutOfRangeException(nameof(ownerUserIds), "WeCom accepts at most 100 owners per call.");
        }

        string? cursor = null;
        do
        {
            var request = new GroupChatListRequest
            {
                StatusFilter = (int)status,
                OwnerFilter = ownerUserIds is { Count: > 0 } ? new OwnerFilter { UserIdList = ownerUserIds } : null,
                Cursor = cursor,
                Limit = pageSize,
            };
            var page = await PostAsync(WeComCredential.CustomerContact, "externalcontact/groupchat/list", request,
                WeComJsonContext.Default.GroupChatListRequest, WeComJsonContext.Default.GroupChatListResponse, cancellationToken).ConfigureAwait(false);
            foreach (var chat in page.GroupChatList)
            {
                yield return chat;
            }

            cursor = page.NextCursor;
        }
        while (!string.IsNullOrEmpty(cursor));
    }

    /// <summary>externalcontact/groupchat/get.</summary>
    public async Task<WeComGroupChat> GetGroupChatAsync(string chatId, bool needName = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(chatId);
        var response = await PostAsync(WeComCredential.CustomerContact, "externalcontact/groupchat/get", new GroupChatGetRequest { ChatId = chatId, NeedName = needName ? 1 : 0 },
            WeComJsonContext.Default.GroupChatGetRequest, WeComJsonContext.Default.GroupChatGetResponse, cancellationToken).ConfigureAwait(false);
        return response.GroupChat ?? throw new WeComApiException("externalcontact/groupchat/get", -2, "no group_chat in the answer");
    }

    /// <summary>appchat/get: only chats the app created; the app needs the root department as visible range (48002).</summary>
    public async Task<WeComAppChat> GetAppChatAsync(string chatId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(chatId);
        var response = await GetAsync(WeComCredential.App, "appchat/get", "chatid=" + Uri.EscapeDataString(chatId), WeComJsonContext.Default.AppChatGetResponse, cancellationToken).ConfigureAwait(false);
        return response.ChatInfo ?? throw new WeComApiException("appchat/get", -2, "no chat_info in the answer");
    }

    /// <summary>externalcontact/get_unassigned_list: departed members' customers awaiting handover.</summary>
    public async IAsyncEnumerable<WeComUnassignedCustomer> ListUnassignedCustomersAsync(int pageSize = 1000, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        while (true)
        {
            var page = await PostAsync(WeComCredential.CustomerContact, "externalcontact/get_unassigned_list", new UnassignedListRequest { PageSize = pageSize, Cursor = cursor },
                WeComJsonContext.Default.UnassignedListRequest, WeComJsonContext.Default.UnassignedListResponse, cancellationToken).ConfigureAwait(false);
            foreach (var customer in page.Info)
            {
                yield return customer;
            }

            cursor = page.NextCursor;
            if (page.IsLast || string.IsNullOrEmpty(cursor))
            {
                yield break;
            }
        }
    }

    // ---- Security (安全管理) ----

    /// <summary>security/member_oper_log/list over [start, end], split into 7-day spans, following has_more.</summary>
    public async IAsyncEnumerable<WeComMemberOperLogRecord> ListMemberOperLogsAsync(
        DateTimeOffset start, DateTimeOffset end, int? operType = null, string? userId = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var (from, to) in Spans(start, end, MemberOperLogMaxSpanSeconds))
        {
            string? cursor = null;
            while (true)
            {
                var request = new MemberOperLogRequest { StartTime = from, EndTime = to, OperType = operType, UserId = userId, Cursor = cursor, Limit = 400 };
                var page = await PostAsync(WeComCredential.Security, "security/member_oper_log/list", request,
                    WeComJsonContext.Default.MemberOperLogRequest, WeComJsonContext.Default.MemberOperLogResponse, cancellationToken).ConfigureAwait(false);
                foreach (var record in page.RecordList)
                {
                    yield return record;
                }

                cursor = page.NextCursor;
                if (!page.HasMore || string.IsNullOrEmpty(cursor))
                {
                    break;
                }
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

        foreach (var (from, to) in Spans(start, end, FileOperRecordMaxSpanSeconds))
        {
            string? cursor = null;
            while (true)
            {
                var request = new FileOperRecordRequest { StartTime = from, EndTime = to, UserIdList = userIds is { Count: > 0 } ? userIds : null, Operation = operation, Cursor = cursor, Limit = 1000 };
                var page = await PostAsync(WeComCredential.Security, "security/get_file_oper_record", request,
                    WeComJsonContext.Default.FileOperRecordRequest, WeComJsonContext.Default.FileOperRecordResponse, cancellationToken).ConfigureAwait(false);
                foreach (var record in page.RecordList)
                {
                    yield return record;
                }

                cursor = page.NextCursor;
                if (!page.HasMore || string.IsNullOrEmpty(cursor))
                {
                    break;
                }
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
                var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                try
                {
                    EnsureHttpSuccess(response, Api);
                    if (response.Content.Headers.ContentDisposition is null)
                    {
                        // WeCom answers errors (40007, 830002, 42001...) as JSON without an attachment.
                        using (response)
                        {
                            var error = await response.Content.ReadFromJsonAsync(WeComJsonContext.Default.WeComResponse, token).ConfigureAwait(false);
                            return (error?.ErrCode ?? -2, error?.ErrMsg, (HttpResponseMessage?)null);
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
                throw new WeComApiException(Api, -2, "an empty Range answer before the end of the file");
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
                request.Content = JsonContent.Create(body!, bodyType);
            }

            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
            EnsureHttpSuccess(response, api);
            var bytes = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
            WeComResponse? envelope;
            try
            {
                envelope = JsonSerializer.Deserialize(bytes, WeComJsonContext.Default.WeComResponse);
            }
            catch (JsonException ex)
            {
                throw new WeComApiException($"WeCom {api} answered with something that is not WeCom JSON.", ex);
            }

            if (envelope is null || envelope.ErrCode != 0)
            {
                return (envelope?.ErrCode ?? -2, envelope?.ErrMsg, default(T));
            }

            var result = JsonSerializer.Deserialize(bytes, resultType) ?? throw new WeComApiException(api, -2, "empty answer");
            return (0, (string?)null, result);
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
            if (errcode is 40014 or 42001)
            {
                _logger.LogInformation("WeCom {Api} refused the access token (errcode {ErrCode}); fetching a new one.", api, errcode);
                _tokens.Invalidate(credential, accessToken);
                accessToken = await _tokens.GetTokenAsync(credential, token).ConfigureAwait(false);
                (errcode, errmsg, result) = await call(accessToken, token).ConfigureAwait(false);
            }

            if (errcode != 0)
            {
                throw new WeComApiException(api, errcode, errmsg ?? string.Empty);
            }

            return result!;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static void EnsureHttpSuccess(HttpResponseMessage response, string api)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"WeCom {api} answered HTTP {(int)response.StatusCode}.", null, response.StatusCode);
        }
    }

    private static async Task<long> CopyCappedAsync(Stream source, Stream destination, long remaining, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (copied + read > remaining)
            {
                throw new WeComMediaTooLargeException(maxBytes, null);
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            copied += read;
        }

        return copied;
    }
}
