using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WeComGuard.Core.Audits;

namespace WeComGuard.Core.Reports;

/// <summary>
/// A finding's details in words, for the pages a security officer reads: one sentence builder per rule in
/// <see cref="AuditRuleCatalog"/>, followed by what the nudge asks the responsible person to do
/// (<see cref="AuditRuleResponsibilities"/>), e.g. "群主 zhangsan 已离职（花名册记为离职）：把客户群离职继承给接替的同事".
/// Builders read only the fields they name, which the rules store masked; findings.jsonl keeps the JSON.
/// A rule added to the catalog without a builder here fails <c>FindingSentenceTests</c>.
/// </summary>
public static class FindingSentences
{
    private static readonly Dictionary<string, Func<Facts, string>> ByRule = new(StringComparer.Ordinal)
    {
        [AuditRuleCatalog.DepartedStillEnabled.Id] = f => $"成员 {f.Subject} 已于 {f.Text("terminationDate")} 离职（花名册），企业微信账号仍为{MemberStatus(f.Int("status"))}",
        [AuditRuleCatalog.NotInRoster.Id] = f => $"成员 {f.Subject}（{f.Text("name")}，{MemberStatus(f.Int("status"))}）在花名册中找不到，手机 {f.Text("mobile", "未知")}，邮箱 {f.Text("email", "未知")}",
        [AuditRuleCatalog.NameMismatch.Id] = f => $"企业微信姓名「{f.Text("wecomName")}」与花名册姓名「{f.Text("rosterName")}」不一致",
        [AuditRuleCatalog.MissingPosition.Id] = f => $"成员 {f.Subject}（{f.Text("name", "未知")}）未填写职务",
        [AuditRuleCatalog.MissingAvatar.Id] = f => $"成员 {f.Subject}（{f.Text("name", "未知")}）未设置头像",
        [AuditRuleCatalog.ActivationOverdue.Id] = f => $"成员 {f.Subject} 于 {f.Text("hireDate")} 入职，{f.Text("daysSinceHire")} 天后仍未激活企业微信",
        [AuditRuleCatalog.PositionOutdated.Id] = f => $"企业微信职务「{f.Text("wecomPosition")}」与花名册职务「{f.Text("rosterPosition")}」不一致",
        [AuditRuleCatalog.NewDeviceLogins.Id] = f => $"成员 {f.Subject} 在24小时内 {f.Text("count")} 次在新设备登录（{f.Times("times")}）",
        [AuditRuleCatalog.LoginAfterDeparture.Id] = f => $"成员 {f.Subject} 已于 {f.Text("terminationDate")} 离职（花名册），之后仍登录 {f.Text("count")} 次，最近一次 {f.Time("lastLogin")}（{OperType(f.Int("lastOperType"))}）",
        [AuditRuleCatalog.AccountLoginBanned.Id] = f => $"企业微信 {f.Text("count")} 次禁止成员 {f.Subject} 登录（{f.Time("first")} 至 {f.Time("last")}），通常因为使用了第三方工具",
        [AuditRuleCatalog.AccountInteropBanned.Id] = f => $"企业微信 {f.Text("count")} 次限制成员 {f.Subject} 与微信互通（{f.Time("first")} 至 {f.Time("last")}），通常因为用工具批量给客户发消息",
        [AuditRuleCatalog.AccountWeChatRebound.Id] = AccountChange,
        [AuditRuleCatalog.AccountMobileChanged.Id] = AccountChange,
        [AuditRuleCatalog.AccountNameChanged.Id] = f => $"成员 {f.Subject} 于 {f.Time("changed")} 自行改名为「{f.Text("wecomName")}」，与花名册姓名「{f.Text("rosterName")}」不一致",
        [AuditRuleCatalog.GroupUnnamed.Id] = f => $"{f.GroupKind()}（群主 {f.Text("owner")}）名称为「{f.Text("name")}」，是默认名称或为空",
        [AuditRuleCatalog.GroupOwnerDeparted.Id] = f => $"{f.GroupKind()}「{f.Text("name")}」的群主 {f.Text("owner")} 已离职（{Departure(f.Text("reason"))}）",
        [AuditRuleCatalog.GroupDepartedMembers.Id] = f => $"{f.GroupKind()}「{f.Text("name")}」中仍有 {f.Text("count")} 名已离职员工：{f.Members()}",
        [AuditRuleCatalog.GroupOverlap.Id] = f => $"客户群 {f.List("chatIds")} 成员高度重复：相似度 {f.Percent("similarity")}，共同成员 {f.Text("sharedMembers")} 人（两群各 {f.List("sizes", " 人、")} 人）",
        [AuditRuleCatalog.GroupNoticeSensitive.Id] = f => $"{f.GroupKind()}「{f.Text("name")}」（群主 {f.Text("owner")}）的群公告含敏感信息：{f.Text("category")}，{Confidence(f.Text("confidence"))}，样本 {f.Text("maskedValue")}",
        [AuditRuleCatalog.ArchiveScopeGap.Id] = f => $"成员 {f.Subject} 对接客户（拥有 {f.Text("ownedCustomerGroups")} 个、加入 {f.Text("joinedCustomerGroups")} 个客户群，例如 {f.Text("exampleChatId")}），但不在会话内容存档范围内",
        [AuditRuleCatalog.FileSensitiveSharedExternally.Id] = f => $"成员 {f.Text("userid")} 把敏感文件「{f.Text("fileName", "未知文件")}」外发 {f.Text("count")} 次{f.ExternalUser()}（{f.FileOperations()}）",
        [AuditRuleCatalog.FileSensitiveContent.Id] = f => $"文件 {f.Text("source")}（{f.Text("type")}）含敏感信息：{f.Counts("counts")}，最高置信度{Confidence(f.Text("highestConfidence"))}",
        [AuditRuleCatalog.AdminAppInstalled.Id] = AdminAction,
        [AuditRuleCatalog.AdminSecretExposed.Id] = AdminAction,
        [AuditRuleCatalog.AdminTrustedIpChanged.Id] = AdminAction,
        [AuditRuleCatalog.AdminDataExported.Id] = AdminAction,
        [AuditRuleCatalog.AdminRightsGranted.Id] = AdminAction,
        [AuditRuleCatalog.HandoverCustomersUnassigned.Id] = f => $"成员 {f.Subject} 于 {f.Time("dimissionTime")} 离职，{f.Text("daysSinceDimission")} 天后仍有 {f.Text("unassignedCustomers")} 位客户未分配（宽限 {f.Text("graceDays")} 天）",
        [AuditRuleCatalog.HandoverGroupsPending.Id] = f => $"客户群「{f.Text("name")}」的群主 {f.Text("owner")} 已离职（{f.Time("ownerDepartedAt")}），群仍{f.Text("status")}，超过宽限 {f.Text("graceDays")} 天",
        [AuditRuleCatalog.HandoverDepartureUnrecorded.Id] = f => $"成员 {f.Subject} 在企业微信中已离职（{f.Text("wecomDimissionDate", "日期未知")}），{UnrecordedReason(f.Text("reason"), f.Text("rosterTerminationDate"))}",
    };

    /// <summary>The rules that have a sentence builder (every rule in the catalog, tests check).</summary>
    public static IReadOnlyCollection<string> Rules => ByRule.Keys;

    /// <summary>The finding in words, then what to do: "{what the details say}：{what the nudge asks}".</summary>
    public static string Describe(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return Describe(finding.Rule, finding.Subject, finding.Details);
    }

    public static string Describe(string rule, string subject, JsonObject details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var facts = new Facts(subject, details);
        var said = details["truncated"] is not null
            ? "详情过长，见本次运行的 findings.jsonl"
            : ByRule.TryGetValue(rule, out var build) ? build(facts) : $"{subject}";
        return $"{said}：{AuditRuleResponsibilities.For(rule).WhatToDo}";
    }

    private static string AccountChange(Facts f) =>
        $"成员 {f.Subject} 于 {f.Time("changed")} {OperType(f.Int("operType"))}，{f.Text("windowDays")} 天内还有：{f.Near()}";

    private static string AdminAction(Facts f) =>
        $"管理员 {f.Text("operator")} 于 {f.Time("time")} {f.Text("action")}：{f.Text("detail", "无详情")}";

    private static string MemberStatus(int? status) => status switch
    {
        1 => "已激活",
        2 => "已禁用",
        4 => "未激活",
        5 => "退出企业",
        _ => "未知状态",
    };

    private static string OperType(int? operType) => operType switch
    {
        4 => "新设备登录",
        5 => "更换手机号",
        6 => "绑定微信",
        7 => "换绑微信",
        9 => "被禁止登录",
        12 => "修改姓名",
        13 => "副设备登录",
        20 => "被限制互通",
        { } other => $"操作 {other}",
        null => "操作",
    };

    private static string Departure(string reason) => reason switch
    {
        "roster-terminated" => "花名册记为离职",
        "disabled" => "账号已禁用",
        "exited" => "已退出企业",
        "not-in-directory" => "已不在通讯录中",
        _ => reason,
    };

    private static string Confidence(string confidence) => confidence switch
    {
        "high" => "高",
        "medium" => "中",
        "low" => "低",
        _ => confidence,
    };

    private static string UnrecordedReason(string reason, string rosterDate) => reason switch
    {
        "not-in-roster" => "花名册中没有此人",
        "roster-active" => "花名册仍记为在职",
        "dates-differ" => $"花名册离职日期 {rosterDate} 与企业微信相差超过宽限天数",
        _ => reason,
    };

    private static string FileOperation(int? type) => type switch
    {
        113 => "通过链接下载",
        114 => "创建分享链接",
        134 => "转发到微信",
        140 => "通过邮件分享",
        { } other => $"操作 {other}",
        null => "操作",
    };

    /// <summary>Typed reads of a finding's details; a missing or odd value reads as "未知", never as JSON.</summary>
    private sealed class Facts(string subject, JsonObject details)
    {
        private const string Unknown = "未知";

        public string Subject { get; } = subject;

        public string Text(string name, string fallback = Unknown) => Scalar(details[name]) ?? fallback;

        public int? Int(string name) => details[name] is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

        public string Time(string name) => FormatTime(details[name]);

        public string Times(string name) => Join(details[name], FormatTime, "、");

        public string List(string name, string separator = "、") => Join(details[name], node => Scalar(node) ?? Unknown, separator);

        public string Percent(string name) =>
            details[name] is JsonValue value && value.TryGetValue<double>(out var ratio) ? ratio.ToString("P0", CultureInfo.InvariantCulture) : Unknown;

        public string GroupKind() => details["internal"] is JsonValue value && value.TryGetValue<bool>(out var isInternal) && isInternal
            ? $"内部群 {Subject}"
            : $"客户群 {Subject}";

        public string Members() => Join(details["members"], node => node is JsonObject member
            ? $"{Scalar(member["userid"]) ?? Unknown}（{Departure(Scalar(member["reason"]) ?? Unknown)}）"
            : Unknown, "、");

        public string Near() => Join(details["near"], node => node is JsonObject record
            ? $"{FormatTime(record["time"])} {OperType(record["operType"] is JsonValue v && v.TryGetValue<int>(out var t) ? t : null)}"
            : Unknown, "；");

        public string FileOperations() => Join(details["operations"], node => node is JsonObject record
            ? $"{FormatTime(record["time"])} {FileOperation(record["type"] is JsonValue v && v.TryGetValue<int>(out var t) ? t : null)}"
            : Unknown, "；");

        public string ExternalUser() => details["externalUser"] is JsonObject external
            ? $"，外部用户 {Scalar(external["name"]) ?? Unknown}{(Scalar(external["corpName"]) is { } corp ? $"（{corp}）" : string.Empty)}"
            : string.Empty;

        public string Counts(string name) => details[name] is JsonObject counts && counts.Count > 0
            ? string.Join("、", counts.Select(pair => $"{pair.Key} {Scalar(pair.Value) ?? Unknown} 处"))
            : Unknown;

        private static string? Scalar(JsonNode? node) => node is JsonValue value
            ? value.GetValueKind() switch
            {
                JsonValueKind.String => EmptyAsNull(value.TryGetValue<string>(out var text) ? text : value.ToJsonString().Trim('"')),
                JsonValueKind.Number => value.ToJsonString(),
                JsonValueKind.True => "是",
                JsonValueKind.False => "否",
                _ => null,
            }
            : null;

        private static string? EmptyAsNull(string text) => text.Length == 0 ? "（空）" : text;

        private static string FormatTime(JsonNode? node) => node is JsonValue value && value.TryGetValue<DateTimeOffset>(out var time)
            ? time.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : Scalar(node) ?? Unknown;

        private static string Join(JsonNode? node, Func<JsonNode?, string> format, string separator)
        {
            if (node is not JsonArray items || items.Count == 0)
            {
                return Unknown;
            }

            var shown = items.Take(10).Select(format).ToList();
            return string.Join(separator, shown) + (items.Count > shown.Count ? $"{separator}……共 {items.Count} 项" : string.Empty);
        }
    }
}
