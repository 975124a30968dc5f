using System.Text;
using System.Text.Json.Nodes;
using WeComGuard.Core.WeCom;

namespace WeComGuard.Sandbox;

// WeCom's write APIs the remediation loop calls: user/update, batch/invite, externalcontact/groupchat/transfer
// (100 chats a call, 300 a day per departed owner, an activated new owner), template cards and their updates.
internal sealed partial class SandboxApi
{
    private const int MaxTaskIdBytes = 128;

    private JsonObject UserUpdate(JsonNode? body)
    {
        var userId = body?["userid"]?.GetValue<string>();
        var enable = body?["enable"]?.GetValue<int>();
        if (string.IsNullOrEmpty(userId))
        {
            return Error(WeComErrorCodes.InvalidParameter, "userid required");
        }

        if (enable is not (null or 0 or 1))
        {
            return Error(WeComErrorCodes.InvalidParameter, "enable must be 0 or 1");
        }

        var found = false;
        state.Mutate(tenant =>
        {
            var member = tenant.Members.FirstOrDefault(m => m.UserId == userId);
            if (member is null)
            {
                return;
            }

            found = true;
            if (enable == 0 && member.Status is 1 or 4)
            {
                member.Status = 2;
            }
            else if (enable == 1 && member.Status == 2)
            {
                member.Status = 1;
            }
        });
        return found ? Ok([]) : Error(WeComErrorCodes.MemberNotFound, "userid not found");
    }

    private JsonObject BatchInvite(JsonNode? body) => state.WithIndex(index =>
    {
        var users = (body?["user"] as JsonArray ?? []).Select(u => u?.GetValue<string>() ?? string.Empty).ToList();
        if (users.Count == 0 || users.Count > WeComApiClient.MaxInviteUsers)
        {
            return Error(WeComErrorCodes.InvalidParameter, "user must list 1..1000 userids");
        }

        // Only members who have not activated can be invited.
        var invalid = users.Where(u => !index.Members.TryGetValue(u, out var m) || m.Status != 4).ToList();
        state.Cards.RecordInvite(new SandboxInvite([.. users.Except(invalid)]));
        return Ok(new JsonObject
        {
            ["invaliduser"] = new JsonArray([.. invalid.Select(u => (JsonNode)u)]),
            ["invalidparty"] = new JsonArray(),
            ["invalidtag"] = new JsonArray(),
        });
    });

    private JsonObject GroupChatTransfer(JsonNode? body)
    {
        var chats = (body?["chat_id_list"] as JsonArray ?? []).Select(c => c?.GetValue<string>() ?? string.Empty).ToList();
        var newOwner = body?["new_owner"]?.GetValue<string>() ?? string.Empty;
        if (chats.Count == 0 || chats.Count > WeComApiClient.MaxChatsPerTransfer)
        {
            return Error(WeComErrorCodes.InvalidParameter, "chat_id_list must hold 1..100 chat ids");
        }

        var failed = new JsonArray();
        var known = true;
        state.Mutate(tenant =>
        {
            var successor = tenant.Members.FirstOrDefault(m => m.UserId == newOwner);
            if (successor is null)
            {
                known = false;
                return;
            }

            foreach (var chatId in chats)
            {
                var chat = tenant.GroupChats.FirstOrDefault(c => c.ChatId == chatId);
                var owner = chat is null ? null : tenant.Members.FirstOrDefault(m => m.UserId == chat.Owner);
                var (errcode, errmsg) = chat is null
                    ? (WeComErrorCodes.GroupChatNotFound, "chat not found")
                    : owner is not null && owner.Status != 5 && chat.Status is 0 or 3
                        ? (WeComErrorCodes.GroupChatOwnerNotResigned, "the owner of this chat is not resigned")
                        : successor.Status != 1
                            ? (SandboxApiCodes.NewOwnerNotEligible, "new_owner must be an activated member with customer contact")
                            : state.Cards.TransferredToday(chat.Owner) >= WeComApiClient.MaxChatsPerOwnerPerDay
                                ? (SandboxApiCodes.TransferDailyLimit, "exceed the daily transfer limit of this owner")
                                : (WeComErrorCodes.Ok, "ok");
                if (errcode != WeComErrorCodes.Ok)
                {
                    failed.Add(new JsonObject { ["chat_id"] = chatId, ["errcode"] = errcode, ["errmsg"] = errmsg });
                    continue;
                }

                state.Cards.AddTransferred(chat!.Owner, 1);
                chat.Owner = newOwner;
                chat.Status = 3;
            }
        });
        return known ? Ok(new JsonObject { ["failed_chat_list"] = failed }) : Error(WeComErrorCodes.MemberNotFound, "new_owner not found");
    }

    private JsonObject TemplateCardSend(string toUser, int agentId, JsonNode? card) => state.WithIndex(index =>
    {
        var taskId = card?["task_id"]?.GetValue<string>() ?? string.Empty;
        var buttons = card?["button_list"] as JsonArray;
        if (card?["card_type"]?.GetValue<string>() != "button_interaction" || buttons is not { Count: >= 1 and <= 6 }
            || buttons.Any(b => string.IsNullOrEmpty(b?["key"]?.GetValue<string>())))
        {
            return Error(WeComErrorCodes.InvalidParameter, "button_interaction needs 1..6 buttons, each with a key");
        }

        if (taskId.Length == 0 || Encoding.UTF8.GetByteCount(taskId) > MaxTaskIdBytes || !taskId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '@'))
        {
            return Error(WeComErrorCodes.InvalidParameter, "invalid task_id");
        }

        var users = toUser.Split('|', StringSplitOptions.RemoveEmptyEntries);
        var valid = users.Where(index.Members.ContainsKey).ToList();
        if (valid.Count == 0)
        {
            return Error(WeComErrorCodes.AllRecipientsInvalid, "user & party & tag all invalid");
        }

        if (!state.Cards.TryAdd(new SandboxCard(taskId, valid, agentId, card!.DeepClone().AsObject())))
        {
            return Error(WeComErrorCodes.InvalidParameter, "task_id already used by this app");
        }

        foreach (var user in valid)
        {
            state.RecordSent(new SandboxSentMessage(user, "template_card", agentId, card.ToJsonString()));
        }

        return Ok(new JsonObject
        {
            ["invaliduser"] = string.Join('|', users.Except(valid)),
            ["msgid"] = "sbxmsg" + Guid.NewGuid().ToString("N"),
            ["response_code"] = state.Cards.IssueResponseCode(taskId),
        });
    });

    private JsonObject UpdateTemplateCard(JsonNode? body)
    {
        var code = body?["response_code"]?.GetValue<string>() ?? string.Empty;
        var users = (body?["userids"] as JsonArray ?? []).Select(u => u?.GetValue<string>() ?? string.Empty).ToList();
        if (body?["template_card"] is not JsonObject card && body?["button"] is null)
        {
            return Error(WeComErrorCodes.InvalidParameter, "template_card or button required");
        }

        var taskId = state.Cards.TryConsume(code);
        if (taskId is null)
        {
            return Error(WeComErrorCodes.InvalidParameter, "invalid response_code (unknown, used or expired)");
        }

        state.Cards.RecordUpdate(new SandboxCardUpdate(taskId, users, (body["template_card"] as JsonObject)?.DeepClone().AsObject() ?? []));
        return Ok(new JsonObject { ["invaliduser"] = new JsonArray() });
    }
}
