using System.Globalization;
using System.Xml.Linq;

namespace WeComGuard.Sandbox.Callbacks;

/// <summary>Builds the decrypted XML of WeCom's events as WeCom sends them (change_contact, change_external_chat).</summary>
public static class CallbackEventXml
{
    public static string ChangeContact(string corpId, string changeType, DateTimeOffset createTime, IEnumerable<KeyValuePair<string, string>> fields) =>
        Build(corpId, "change_contact", changeType, createTime, fields, memChangeList: null);

    /// <summary>Since 2022-08-15 member events carry only UserID (and Department).</summary>
    public static string CreateUser(string corpId, string userId, DateTimeOffset createTime, string department = "1") =>
        ChangeContact(corpId, "create_user", createTime, [new("UserID", userId), new("Department", department)]);

    public static string UpdateUser(string corpId, string userId, DateTimeOffset createTime, string? newUserId = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("UserID", userId) };
        if (newUserId is not null)
        {
            fields.Add(new("NewUserID", newUserId));
        }

        return ChangeContact(corpId, "update_user", createTime, fields);
    }

    public static string DeleteUser(string corpId, string userId, DateTimeOffset createTime) =>
        ChangeContact(corpId, "delete_user", createTime, [new("UserID", userId)]);

    public static string CreateParty(string corpId, int id, int parentId, DateTimeOffset createTime) =>
        ChangeContact(corpId, "create_party", createTime, [new("Id", Invariant(id)), new("ParentId", Invariant(parentId))]);

    public static string UpdateParty(string corpId, int id, int parentId, DateTimeOffset createTime) =>
        ChangeContact(corpId, "update_party", createTime, [new("Id", Invariant(id)), new("ParentId", Invariant(parentId))]);

    public static string DeleteParty(string corpId, int id, DateTimeOffset createTime) =>
        ChangeContact(corpId, "delete_party", createTime, [new("Id", Invariant(id))]);

    public static string UpdateTag(string corpId, int tagId, IEnumerable<string> addUsers, IEnumerable<string> delUsers, DateTimeOffset createTime) =>
        ChangeContact(corpId, "update_tag", createTime,
            [new("TagId", Invariant(tagId)), new("AddUserItems", string.Join(',', addUsers)), new("DelUserItems", string.Join(',', delUsers))]);

    public static string ExternalChatCreate(string corpId, string chatId, DateTimeOffset createTime) =>
        Build(corpId, "change_external_chat", "create", createTime, [new("ChatId", chatId)], memChangeList: null);

    /// <summary>An update; for member changes pass the member versions before and after and the userids that changed.</summary>
    public static string ExternalChatUpdate(
        string corpId, string chatId, string updateDetail, DateTimeOffset createTime,
        string? lastMemVer = null, string? curMemVer = null, IReadOnlyList<string>? memChangeList = null, int scene = 0)
    {
        var fields = new List<KeyValuePair<string, string>> { new("ChatId", chatId), new("UpdateDetail", updateDetail) };
        if (updateDetail == "add_member")
        {
            fields.Add(new("JoinScene", Invariant(scene)));
        }
        else if (updateDetail == "del_member")
        {
            fields.Add(new("QuitScene", Invariant(scene)));
        }

        if (memChangeList is not null)
        {
            fields.Add(new("MemChangeCnt", Invariant(memChangeList.Count)));
        }

        if (lastMemVer is not null)
        {
            fields.Add(new("LastMemVer", lastMemVer));
        }

        if (curMemVer is not null)
        {
            fields.Add(new("CurMemVer", curMemVer));
        }

        return Build(corpId, "change_external_chat", "update", createTime, fields, memChangeList);
    }

    public static string ExternalChatDismiss(string corpId, string chatId, DateTimeOffset createTime) =>
        Build(corpId, "change_external_chat", "dismiss", createTime, [new("ChatId", chatId)], memChangeList: null);

    private static string Build(
        string corpId, string eventName, string changeType, DateTimeOffset createTime,
        IEnumerable<KeyValuePair<string, string>> fields, IReadOnlyList<string>? memChangeList)
    {
        var xml = new XElement("xml",
            new XElement("ToUserName", new XCData(corpId)),
            new XElement("FromUserName", new XCData("sys")),
            new XElement("CreateTime", createTime.ToUnixTimeSeconds()),
            new XElement("MsgType", new XCData("event")),
            new XElement("Event", new XCData(eventName)),
            new XElement("ChangeType", new XCData(changeType)));
        foreach (var (name, value) in fields)
        {
            xml.Add(new XElement(name, new XCData(value)));
        }

        if (memChangeList is not null)
        {
            xml.Add(new XElement("MemChangeList", memChangeList.Select(u => new XElement("Item", new XCData(u)))));
        }

        return xml.ToString(SaveOptions.DisableFormatting);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
