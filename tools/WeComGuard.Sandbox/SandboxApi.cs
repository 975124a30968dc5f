using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WeComGuard.Core.WeCom;
using WeComGuard.Sandbox.Tenant;

namespace WeComGuard.Sandbox;

/// <summary>WeCom's server API over the sandbox tenant: WeCom's JSON shapes, errcodes, paging and limits.</summary>
internal sealed partial class SandboxApi(SandboxState state)
{
    private const long MediaWithoutRangeLimit = 20L * 1024 * 1024;
    private const int MemberOperLogMaxSpan = 7 * 86400;
    private const int FileOperRecordMaxSpan = 14 * 86400;

    public async Task HandleAsync(HttpContext context, string api)
    {
        state.CountCall(api);
        var (errcode, status, delay) = state.Faults.Take(api);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
        }

        if (status is not null)
        {
            context.Response.StatusCode = status.Value;
            return;
        }

        if (errcode is not null)
        {
            await WriteAsync(context, Error(errcode.Value, "injected fault")).ConfigureAwait(false);
            return;
        }

        if (api == "gettoken")
        {
            await WriteAsync(context, GetToken(context.Request)).ConfigureAwait(false);
            return;
        }

        var (tokenCheck, secret) = state.CheckToken(context.Request.Query["access_token"]);
        if (tokenCheck != WeComErrorCodes.Ok)
        {
            await WriteAsync(context, Error(tokenCheck, tokenCheck switch
            {
                WeComErrorCodes.AccessTokenMissing => "access_token missing",
                WeComErrorCodes.AccessTokenExpired => "access_token expired",
                _ => "invalid access_token",
            })).ConfigureAwait(false);
            return;
        }

        if (!state.TryAdmit(api))
        {
            await WriteAsync(context, Error(WeComErrorCodes.ApiFrequencyLimit, "api freq out of limit")).ConfigureAwait(false);
            return;
        }

        if (api.StartsWith("security/", StringComparison.Ordinal) && state.LacksSecurityAccess(secret))
        {
            await WriteAsync(context, Error(WeComErrorCodes.ApiForbidden, "no privilege to access/modify contact/party/agent")).ConfigureAwait(false);
            return;
        }

        if (api == "media/get")
        {
            await GetMediaAsync(context).ConfigureAwait(false);
            return;
        }

        JsonNode? body = null;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            // As PHP and Python gateways do: a body without Content-Length (chunked) reads as empty.
            if (context.Request.ContentLength is null or 0)
            {
                await WriteAsync(context, Error(WeComErrorCodes.EmptyPostData, "empty post data")).ConfigureAwait(false);
                return;
            }

            try
            {
                body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                await WriteAsync(context, Error(WeComErrorCodes.DataFormatError, "data format error")).ConfigureAwait(false);
                return;
            }
        }

        var ignoreCursor = state.Faults.IgnoresCursor(api);
        if (ignoreCursor && body is JsonObject request)
        {
            request.Remove("cursor");
        }

        var query = context.Request.Query;
        var result = api switch
        {
            "department/simplelist" => DepartmentSimpleList(query["id"]),
            "department/get" => DepartmentGet(query["id"]),
            "user/list_id" => UserListId(body),
            "user/get" => UserGet(query["userid"]),
            "user/list" => UserList(query["department_id"]),
            "externalcontact/groupchat/list" => GroupChatList(body),
            "externalcontact/groupchat/get" => GroupChatGet(body),
            "appchat/get" => AppChatGet(query["chatid"]),
            "security/member_oper_log/list" => MemberOperLogList(body),
            "security/admin_oper_log/list" => AdminOperLogList(body),
            "security/get_file_oper_record" => FileOperRecordList(body),
            "message/send" => MessageSend(body),
            "externalcontact/get_unassigned_list" => UnassignedList(body),
            "externalcontact/get_follow_user_list" => FollowUserList(),
            "msgaudit/groupchat/get" => ArchiveRoomGet(body),
            "msgaudit/get_permit_user_list" => ArchivePermitUserList(body),
            "user/update" => UserUpdate(body),
            "batch/invite" => BatchInvite(body),
            "externalcontact/groupchat/transfer" => GroupChatTransfer(body),
            "message/update_template_card" => UpdateTemplateCard(body),
            _ => Error(WeComErrorCodes.InvalidApiPath, "invalid api path " + api),
        };
        if (ignoreCursor && result["errcode"]?.GetValue<int>() == WeComErrorCodes.Ok)
        {
            // Always the first page, always "more to come" with the same cursor.
            result["next_cursor"] = EncodeCursor(1);
            if (result.ContainsKey("has_more"))
            {
                result["has_more"] = true;
            }

            if (result.ContainsKey("is_last"))
            {
                result["is_last"] = false;
            }
        }

        await WriteAsync(context, result).ConfigureAwait(false);
    }

    private static JsonObject Error(int errcode, string message) => new()
    {
        ["errcode"] = errcode,
        ["errmsg"] = string.Create(CultureInfo.InvariantCulture, $"{message}, hint: [sandbox], more info at https://open.work.weixin.qq.com/devtool/query?e={errcode}"),
    };

    private static JsonObject Ok(JsonObject payload)
    {
        var result = new JsonObject { ["errcode"] = WeComErrorCodes.Ok, ["errmsg"] = "ok" };
        foreach (var (key, value) in payload.ToList())
        {
            payload.Remove(key);
            result[key] = value;
        }

        return result;
    }

    private async Task WriteAsync(HttpContext context, JsonObject result)
    {
        var errcode = result["errcode"]?.GetValue<int>() ?? 0;
        if (errcode != 0)
        {
            state.CountAnswer(errcode);
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(result.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private JsonObject GetToken(HttpRequest request)
    {
        string? corpId = request.Query["corpid"];
        string? secret = request.Query["corpsecret"];
        if (corpId != state.CorpId)
        {
            return Error(WeComErrorCodes.InvalidCorpId, "invalid corpid");
        }

        if (string.IsNullOrEmpty(secret) || (state.AcceptedSecrets.Count > 0 && !state.AcceptedSecrets.Contains(secret)))
        {
            return Error(WeComErrorCodes.InvalidCredential, "invalid credential");
        }

        return Ok(new JsonObject
        {
            ["access_token"] = state.IssueToken(secret),
            ["expires_in"] = (int)state.Faults.TokenLifetime.TotalSeconds,
        });
    }

    private JsonObject DepartmentSimpleList(string? id) => state.WithIndex(index =>
    {
        IEnumerable<SandboxDepartment> departments = index.Tenant.Departments;
        if (!string.IsNullOrEmpty(id))
        {
            if (!int.TryParse(id, CultureInfo.InvariantCulture, out var root) || !index.Departments.ContainsKey(root))
            {
                return Error(WeComErrorCodes.DepartmentNotFound, "invalid party id");
            }

            var children = index.Tenant.Departments.ToLookup(d => d.ParentId);
            var subtree = new List<SandboxDepartment>();
            var pending = new Stack<int>([root]);
            while (pending.Count > 0)
            {
                var next = pending.Pop();
                subtree.Add(index.Departments[next]);
                foreach (var child in children[next])
                {
                    pending.Push(child.Id);
                }
            }

            departments = subtree.OrderBy(d => d.Id);
        }

        return Ok(new JsonObject
        {
            ["department_id"] = new JsonArray([.. departments.Select(d => (JsonNode)new JsonObject { ["id"] = d.Id, ["parentid"] = d.ParentId, ["order"] = d.Order })]),
        });
    });

    private JsonObject DepartmentGet(string? id) => state.WithIndex(index =>
    {
        if (!int.TryParse(id, CultureInfo.InvariantCulture, out var departmentId) || !index.Departments.TryGetValue(departmentId, out var d))
        {
            return Error(WeComErrorCodes.DepartmentNotFound, "invalid party id");
        }

        return Ok(new JsonObject
        {
            ["department"] = new JsonObject
            {
                ["id"] = d.Id,
                ["name"] = d.Name,
                ["name_en"] = string.Empty,
                ["department_leader"] = new JsonArray([.. d.Leaders.Select(l => (JsonNode)l)]),
                ["parentid"] = d.ParentId,
                ["order"] = d.Order,
            },
        });
    });

    private JsonObject UserListId(JsonNode? body) => state.WithIndex(index =>
    {
        if (!TryReadPage(body, "limit", 10000, 10000, out var limit, out var offset, out var pageError))
        {
            return pageError;
        }

        var rows = index.DepartmentUsers.Skip(offset).Take(limit).ToList();
        var next = offset + rows.Count;
        return Ok(new JsonObject
        {
            ["next_cursor"] = next < index.DepartmentUsers.Count ? EncodeCursor(next) : string.Empty,
            ["dept_user"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject { ["userid"] = r.UserId, ["department"] = r.Department })]),
        });
    });

    private JsonObject UserGet(string? userId) => state.WithIndex(index =>
        userId is not null && index.Members.TryGetValue(userId, out var member)
            ? Ok(MemberJson(member))
            : Error(WeComErrorCodes.MemberNotFound, "userid not found"));

    private JsonObject UserList(string? departmentId) => state.WithIndex(index =>
    {
        if (!int.TryParse(departmentId, CultureInfo.InvariantCulture, out var id) || !index.Departments.ContainsKey(id))
        {
            return Error(WeComErrorCodes.DepartmentNotFound, "invalid party id");
        }

        var members = index.MembersByDepartment.GetValueOrDefault(id) ?? [];
        return Ok(new JsonObject { ["userlist"] = new JsonArray([.. members.Select(m => (JsonNode)MemberJson(m))]) });
    });

    private static JsonObject MemberJson(SandboxMember m) => new()
    {
        ["userid"] = m.UserId,
        ["name"] = m.Name,
        ["department"] = new JsonArray([.. m.Departments.Select(d => (JsonNode)d)]),
        ["order"] = new JsonArray([.. m.Departments.Select(_ => (JsonNode)0)]),
        ["position"] = m.Position,
        ["mobile"] = m.Mobile,
        ["gender"] = m.Gender,
        ["email"] = m.Email,
        ["biz_mail"] = string.Empty,
        ["is_leader_in_dept"] = new JsonArray([.. m.IsLeaderInDept.Select(d => (JsonNode)d)]),
        ["direct_leader"] = new JsonArray([.. m.DirectLeader.Select(d => (JsonNode)d)]),
        ["avatar"] = m.Avatar,
        ["thumb_avatar"] = m.Avatar,
        ["telephone"] = string.Empty,
        ["alias"] = m.Alias,
        ["status"] = m.Status,
        ["main_department"] = m.MainDepartment,
        ["qr_code"] = string.Empty,
        ["open_userid"] = "woSandbox" + m.UserId,
    };

    private JsonObject GroupChatList(JsonNode? body) => state.WithIndex(index =>
    {
        if (!TryReadPage(body, "limit", 0, 1000, out var limit, out var offset, out var pageError))
        {
            return pageError;
        }

        var statusFilter = body?["status_filter"]?.GetValue<int>() ?? 0;
        var owners = body?["owner_filter"]?["userid_list"]?.AsArray().Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        if (owners is { Count: > 100 })
        {
            return Error(WeComErrorCodes.InvalidParameter, "owner_filter.userid_list exceeds 100");
        }

        var matching = index.Tenant.GroupChats
            .Where(g => statusFilter == 0 || g.Status == statusFilter)
            .Where(g => owners is null || owners.Count == 0 || owners.Contains(g.Owner))
            .ToList();
        var page = matching.Skip(offset).Take(limit).ToList();
        var next = offset + page.Count;
        return Ok(new JsonObject
        {
            ["group_chat_list"] = new JsonArray([.. page.Select(g => (JsonNode)new JsonObject { ["chat_id"] = g.ChatId, ["status"] = g.Status })]),
            ["next_cursor"] = next < matching.Count ? EncodeCursor(next) : string.Empty,
        });
    });

    private JsonObject GroupChatGet(JsonNode? body) => state.WithIndex(index =>
    {
        var chatId = body?["chat_id"]?.GetValue<string>();
        if (chatId is null || !index.GroupChats.TryGetValue(chatId, out var g))
        {
            return Error(WeComErrorCodes.GroupChatNotFound, "chatid not exists");
        }

        var needName = (body?["need_name"]?.GetValue<int>() ?? 0) == 1;
        return Ok(new JsonObject
        {
            ["group_chat"] = new JsonObject
            {
                ["chat_id"] = g.ChatId,
                ["name"] = g.Name,
                ["owner"] = g.Owner,
                ["create_time"] = g.CreateTime,
                ["notice"] = g.Notice,
                ["member_list"] = new JsonArray([.. g.Members.Select(m => (JsonNode)GroupMemberJson(m, needName))]),
                ["admin_list"] = new JsonArray([.. g.Admins.Select(a => (JsonNode)new JsonObject { ["userid"] = a })]),
                ["member_version"] = g.MemberVersion,
            },
        });
    });

    // msgaudit/groupchat/get (DOC 92951): internal groups only, by a room id learned from archived messages; 301052
    // once 会话内容存档 has lapsed. WeCom does not document the errcode for an unknown room: the sandbox answers 40058.
    private JsonObject ArchiveRoomGet(JsonNode? body) => state.WithIndex(index =>
    {
        if (index.Tenant.ArchiveLapsed)
        {
            return Error(WeComErrorCodes.ArchiveLapsed, "msgaudit service expired");
        }

        var roomId = body?["roomid"]?.GetValue<string>();
        if (string.IsNullOrEmpty(roomId) || !index.ArchiveRooms.TryGetValue(roomId, out var room))
        {
            return Error(WeComErrorCodes.InvalidParameter, "invalid roomid");
        }

        return Ok(new JsonObject
        {
            ["roomname"] = room.RoomName,
            ["creator"] = room.Creator,
            ["room_create_time"] = room.RoomCreateTime,
            ["notice"] = room.Notice,
            ["members"] = new JsonArray([.. room.Members.Select(m => (JsonNode)new JsonObject { ["memberid"] = m.MemberId, ["jointime"] = m.JoinTime })]),
        });
    });

    // externalcontact/get_follow_user_list (DOC 92571): GET, no parameters, no paging; only members WeCom knows (the
    // sandbox's app sees the whole directory, so its visible range filters nothing else).
    private JsonObject FollowUserList() => state.WithIndex(index => Ok(new JsonObject
    {
        ["follow_user"] = new JsonArray([.. index.Tenant.FollowUsers.Where(index.Members.ContainsKey).Select(id => (JsonNode)id)]),
    }));

    // msgaudit/get_permit_user_list (DOC 91614): type 1 office, 2 service, 3 enterprise edition, absent for all. The
    // sandbox keeps one list, answered for every type.
    private JsonObject ArchivePermitUserList(JsonNode? body) => state.WithIndex(index =>
    {
        if (index.Tenant.ArchiveLapsed)
        {
            return Error(WeComErrorCodes.ArchiveLapsed, "msgaudit service expired");
        }

        var type = body?["type"]?.GetValue<int>();
        if (type is not null and not (1 or 2 or 3))
        {
            return Error(WeComErrorCodes.InvalidParameter, "invalid type");
        }

        return Ok(new JsonObject { ["ids"] = new JsonArray([.. index.Tenant.ArchivePermitUsers.Select(id => (JsonNode)id)]) });
    });

    private static JsonObject GroupMemberJson(SandboxGroupChatMember m, bool needName)
    {
        var json = new JsonObject
        {
            ["userid"] = m.UserId,
            ["type"] = m.Type,
            ["join_time"] = m.JoinTime,
            ["join_scene"] = m.JoinScene,
            ["group_nickname"] = m.GroupNickname,
        };
        if (m.Type == 2)
        {
            json["unionid"] = "oSandbox" + m.UserId;
        }

        if (m.Invitor is not null)
        {
            json["invitor"] = new JsonObject { ["userid"] = m.Invitor };
        }

        if (needName)
        {
            json["name"] = m.Name;
        }

        return json;
    }

    private JsonObject AppChatGet(string? chatId) => state.WithIndex(index =>
        chatId is not null && index.AppChats.TryGetValue(chatId, out var chat)
            ? Ok(new JsonObject
            {
                ["chat_info"] = new JsonObject
                {
                    ["chatid"] = chat.ChatId,
                    ["name"] = chat.Name,
                    ["owner"] = chat.Owner,
                    ["userlist"] = new JsonArray([.. chat.UserList.Select(u => (JsonNode)u)]),
                    ["chat_type"] = chat.ChatType,
                },
            })
            : Error(WeComErrorCodes.AppChatNotFound, "chat not exists"));

    private JsonObject MemberOperLogList(JsonNode? body) => state.WithIndex(index =>
    {
        if (!TryGetSpan(body, MemberOperLogMaxSpan, out var start, out var end, out var spanError))
        {
            return spanError;
        }

        if (!TryReadPage(body, "limit", 400, 400, out var limit, out var offset, out var pageError))
        {
            return pageError;
        }

        var operType = body?["oper_type"]?.GetValue<int>();
        var userId = body?["userid"]?.GetValue<string>();
        var matching = index.Tenant.MemberOperLogs
            .Where(r => r.Time >= start && r.Time <= end)
            .Where(r => operType is null or 0 || r.OperType == operType)
            .Where(r => string.IsNullOrEmpty(userId) || r.UserId == userId)
            .ToList();

        // WeCom does not promise to fill a page; the sandbox returns at most 100 so callers must follow has_more.
        return CursorPage(matching, offset, Math.Min(limit, 100), r => new JsonObject
        {
            ["time"] = r.Time,
            ["userid"] = r.UserId,
            ["oper_type"] = r.OperType,
            ["detail_info"] = r.DetailInfo,
            ["ip"] = r.Ip,
        });
    });

    private JsonObject AdminOperLogList(JsonNode? body) => state.WithIndex(index =>
    {
        if (!TryGetSpan(body, MemberOperLogMaxSpan, out var start, out var end, out var spanError))
        {
            return spanError;
        }

        if (!TryReadPage(body, "limit", 400, 400, out var limit, out var offset, out var pageError))
        {
            return pageError;
        }

        var operType = body?["oper_type"]?.GetValue<int>();
        var userId = body?["userid"]?.GetValue<string>();
        var matching = index.Tenant.AdminOperLogs
            .Where(r => r.Time >= start && r.Time <= end)
            .Where(r => operType is null or 0 || r.OperType == operType)
            .Where(r => string.IsNullOrEmpty(userId) || r.UserId == userId)
            .OrderBy(r => r.Time)
            .ToList();

        // As for the member log, WeCom does not promise to fill a page: at most 50 here, so callers must follow has_more.
        return CursorPage(matching, offset, Math.Min(limit, 50), r => new JsonObject
        {
            ["time"] = r.Time,
            ["userid"] = r.UserId,
            ["oper_type"] = r.OperType,
            ["detail_type"] = r.DetailType,
            ["detail_info"] = r.DetailInfo,
            ["ip"] = r.Ip,
        });
    });

    /// <summary>One page of a security log listing: up to <paramref name="take"/> records from the cursor, has_more and the next cursor.</summary>
    private static JsonObject CursorPage<T>(List<T> matching, int offset, int take, Func<T, JsonObject> record)
    {
        var page = matching.Skip(offset).Take(take).ToList();
        var next = offset + page.Count;
        return Ok(new JsonObject
        {
            ["has_more"] = next < matching.Count,
            ["next_cursor"] = next < matching.Count ? EncodeCursor(next) : string.Empty,
            ["record_list"] = new JsonArray([.. page.Select(r => (JsonNode)record(r))]),
        });
    }

    private JsonObject FileOperRecordList(JsonNode? body) => state.WithIndex(index =>
    {
        if (!TryGetSpan(body, FileOperRecordMaxSpan, out var start, out var end, out var spanError))
        {
            return spanError;
        }

        if (!TryReadPage(body, "limit", 1000, 1000, out var limit, out var offset, out var pageError))
        {
            return pageError;
        }

        var users = body?["userid_list"]?.AsArray().Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        if (users is { Count: > 100 })
        {
            return Error(WeComErrorCodes.InvalidParameter, "userid_list exceeds 100");
        }

        var operationType = body?["operation"]?["type"]?.GetValue<int>();
        var matching = index.Tenant.FileOperRecords
            .Where(r => r.Time >= start && r.Time <= end)
            .Where(r => users is null || users.Count == 0 || users.Contains(r.UserId))
            .Where(r => operationType is null || r.OperationType == operationType)
            .OrderBy(r => r.Time)
            .ToList();
        var page = matching.Skip(offset).Take(limit).ToList();
        var next = offset + page.Count;
        return Ok(new JsonObject
        {
            ["has_more"] = next < matching.Count,
            ["next_cursor"] = next < matching.Count ? EncodeCursor(next) : string.Empty,
            ["record_list"] = new JsonArray([.. page.Select(r => (JsonNode)new JsonObject
            {
                ["time"] = r.Time,
                ["userid"] = r.UserId,
                ["operation"] = new JsonObject { ["type"] = r.OperationType, ["source"] = r.OperationSource },
                ["file_info"] = r.FileInfo,
                ["file_md5"] = r.FileMd5,
                ["file_size"] = r.FileSize,
                ["applicant_name"] = string.Empty,
                ["device_type"] = r.DeviceType,
                ["device_code"] = r.DeviceCode,
                ["media_id"] = r.MediaId,
            })]),
        });
    });

    private JsonObject MessageSend(JsonNode? body) => state.WithIndex(index =>
    {
        var msgType = body?["msgtype"]?.GetValue<string>() ?? string.Empty;
        var toUser = body?["touser"]?.GetValue<string>() ?? string.Empty;
        var agentId = body?["agentid"]?.GetValue<int>() ?? 0;
        if (msgType == "template_card")
        {
            return TemplateCardSend(toUser, agentId, body?["template_card"]);
        }

        var content = body?[msgType]?["content"]?.GetValue<string>();
        if (msgType is not ("text" or "markdown") || string.IsNullOrEmpty(content))
        {
            return Error(WeComErrorCodes.InvalidMessageType, "invalid message type");
        }

        if (Encoding.UTF8.GetByteCount(content) > (msgType == "text" ? 2048 : 4096))
        {
            return Error(WeComErrorCodes.ContentSizeOutOfLimit, "content size out of limit");
        }

        var users = toUser.Split('|', StringSplitOptions.RemoveEmptyEntries);
        var valid = users.Where(index.Members.ContainsKey).ToList();
        if (valid.Count == 0)
        {
            return Error(WeComErrorCodes.AllRecipientsInvalid, "user & party & tag all invalid");
        }

        foreach (var user in valid)
        {
            state.RecordSent(new SandboxSentMessage(user, msgType, agentId, content));
        }

        return Ok(new JsonObject
        {
            ["invaliduser"] = string.Join('|', users.Except(valid)),
            ["msgid"] = "sbxmsg" + Guid.NewGuid().ToString("N"),
        });
    });

    private JsonObject UnassignedList(JsonNode? body) => state.WithIndex(index =>
    {
        if (!TryReadPage(body, "page_size", 1000, 1000, out var pageSize, out var offset, out var pageError))
        {
            return pageError;
        }

        var all = index.Tenant.UnassignedCustomers;
        var page = all.Skip(offset).Take(pageSize).ToList();
        var next = offset + page.Count;
        return Ok(new JsonObject
        {
            ["info"] = new JsonArray([.. page.Select(u => (JsonNode)new JsonObject
            {
                ["handover_userid"] = u.HandoverUserId,
                ["external_userid"] = u.ExternalUserId,
                ["dimission_time"] = u.DimissionTime,
            })]),
            ["is_last"] = next >= all.Count,
            ["next_cursor"] = next < all.Count ? EncodeCursor(next) : string.Empty,
        });
    });

    private async Task GetMediaAsync(HttpContext context)
    {
        string? mediaId = context.Request.Query["media_id"];
        var media = state.WithIndex(index => mediaId is not null && index.Media.TryGetValue(mediaId, out var m) ? m : null);
        if (media is null)
        {
            await WriteAsync(context, Error(WeComErrorCodes.InvalidMediaId, "invalid media_id")).ConfigureAwait(false);
            return;
        }

        var length = media.Length;
        var range = context.Request.Headers.Range.ToString();
        long start = 0;
        var end = length - 1;
        var partial = false;
        if (!string.IsNullOrEmpty(range))
        {
            if (!TryParseRange(range, length, out start, out end))
            {
                context.Response.StatusCode = 416;
                context.Response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes */{length}");
                return;
            }

            partial = true;
        }
        else if (length > MediaWithoutRangeLimit)
        {
            await WriteAsync(context, Error(WeComErrorCodes.MediaNeedsRange, "file size exceeds limit, use Range to download in chunks")).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = partial ? 206 : 200;
        context.Response.ContentType = media.ContentType;
        context.Response.Headers.ContentDisposition = "attachment; filename=\"" + Uri.EscapeDataString(media.FileName) + "\"";
        context.Response.Headers.AcceptRanges = "bytes";
        if (partial)
        {
            context.Response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {start}-{end}/{length}");
        }

        var count = end - start + 1;
        context.Response.ContentLength = count;
        const int Chunk = 1 << 20;
        for (var offset = start; offset <= end; offset += Chunk)
        {
            var size = (int)Math.Min(Chunk, end - offset + 1);
            await context.Response.Body.WriteAsync(media.ReadRange(offset, size), context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static bool TryParseRange(string header, long length, out long start, out long end)
    {
        start = 0;
        end = length - 1;
        if (!header.StartsWith("bytes=", StringComparison.Ordinal) || header.Contains(',', StringComparison.Ordinal))
        {
            return false;
        }

        var parts = header["bytes=".Length..].Split('-');
        if (parts.Length != 2)
        {
            return false;
        }

        if (parts[0].Length == 0)
        {
            if (!long.TryParse(parts[1], CultureInfo.InvariantCulture, out var suffix) || suffix <= 0)
            {
                return false;
            }

            start = Math.Max(0, length - suffix);
            return true;
        }

        if (!long.TryParse(parts[0], CultureInfo.InvariantCulture, out start) || start >= length)
        {
            return false;
        }

        if (parts[1].Length > 0)
        {
            if (!long.TryParse(parts[1], CultureInfo.InvariantCulture, out end) || end < start)
            {
                return false;
            }

            end = Math.Min(end, length - 1);
        }

        return true;
    }

    private bool TryGetSpan(JsonNode? body, int maxSpan, out long start, out long end, out JsonObject error)
    {
        start = body?["start_time"]?.GetValue<long>() ?? 0;
        end = body?["end_time"]?.GetValue<long>() ?? 0;
        error = null!;
        var now = state.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (start <= 0 || end <= 0 || end < start)
        {
            error = Error(WeComErrorCodes.InvalidParameter, "start_time and end_time are required");
            return false;
        }

        if (end - start > maxSpan)
        {
            error = Error(WeComErrorCodes.InvalidParameter, string.Create(CultureInfo.InvariantCulture, $"time span exceeds {maxSpan / 86400} days"));
            return false;
        }

        if (start < now - 180L * 86400)
        {
            error = Error(WeComErrorCodes.InvalidParameter, "start_time earlier than 180 days ago");
            return false;
        }

        return true;
    }

    private static string EncodeCursor(int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes("sbx:" + offset.ToString(CultureInfo.InvariantCulture)));

    // The page size field (limit or page_size, default and range per API) and the cursor, or WeCom's 40058 answer.
    private static bool TryReadPage(JsonNode? body, string sizeField, int defaultSize, int maxSize, out int size, out int offset, out JsonObject error)
    {
        offset = 0;
        error = null!;
        size = body?[sizeField]?.GetValue<int>() ?? defaultSize;
        if (size < 1 || size > maxSize)
        {
            error = Error(WeComErrorCodes.InvalidParameter, string.Create(CultureInfo.InvariantCulture, $"{sizeField} must be 1..{maxSize}"));
            return false;
        }

        if (!TryDecodeCursor(body?["cursor"]?.GetValue<string>(), out offset))
        {
            error = Error(WeComErrorCodes.InvalidParameter, "invalid cursor");
            return false;
        }

        return true;
    }

    private static bool TryDecodeCursor(string? cursor, out int offset)
    {
        offset = 0;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("sbx:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(4), CultureInfo.InvariantCulture, out offset) && offset >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
