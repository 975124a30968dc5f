using System.Globalization;
using System.Text.Json.Nodes;
using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Findings;
using WeComGuard.Core.Remediation;

namespace WeComGuard.Core.Notifications;

/// <summary>
/// The security team's template card (<c>card_type</c> button_interaction) for an actionable finding: the rule, the
/// subject, what to do, and one button per action (<c>key</c> = the action name) plus a waiver button; after a
/// click, the same card with <c>replace_text</c> saying who did what and the result. WeCom's limits (as documented
/// for template cards): title 36 characters, keyname 5, value 26, button text 10, at most 6 buttons; task_id up to
/// 128 of <c>[A-Za-z0-9_-@]</c>.
/// </summary>
public static class ActionCard
{
    public static JsonObject Build(FindingView finding, string taskId, int waiverDays, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var responsibility = AuditRuleResponsibilities.For(finding.Rule);
        var buttons = new JsonArray();
        foreach (var action in responsibility.Actions.Append(RemediationActionNames.Waive))
        {
            var label = action == RemediationActionNames.Waive
                ? string.Create(CultureInfo.InvariantCulture, $"豁免{waiverDays}天")
                : RemediationActionNames.Label(action);
            buttons.Add(new JsonObject { ["text"] = Cap(label, 10), ["style"] = action == RemediationActionNames.Waive ? 2 : 1, ["key"] = action });
        }

        var card = Body(finding, taskId, dryRun ? "演练模式：批准后只记录，不改动企业微信。" : null);
        card["button_list"] = buttons;
        return card;
    }

    /// <summary>The card after an action: buttons replaced by who did what and the result.</summary>
    public static JsonObject Done(FindingView finding, string taskId, ActionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var card = Body(finding, taskId, record.Summary);
        card["button_list"] = new JsonArray(new JsonObject { ["text"] = Cap(RemediationActionNames.Label(record.Action), 10), ["style"] = 2, ["key"] = record.Action });
        card["replace_text"] = Cap($"{record.Approver} {RemediationActionNames.Label(record.Action)}：{StatusText(record.Status)}", 26);
        return card;
    }

    public static string StatusText(string status) => status switch
    {
        ActionStatus.Succeeded => "已完成",
        ActionStatus.Partial => "部分完成",
        ActionStatus.DryRun => "演练（未执行）",
        ActionStatus.Refused => "已拒绝",
        _ => "失败",
    };

    private static JsonObject Body(FindingView finding, string taskId, string? note)
    {
        var definition = AuditRuleCatalog.All.FirstOrDefault(r => r.Id == finding.Rule);
        var responsibility = AuditRuleResponsibilities.For(finding.Rule);
        var text = "请：" + responsibility.WhatToDo + (note is null ? string.Empty : "\n" + note);
        return new JsonObject
        {
            ["card_type"] = "button_interaction",
            ["source"] = new JsonObject { ["desc"] = "WeCom Guard" },
            ["main_title"] = new JsonObject
            {
                ["title"] = Cap(definition?.TitleChinese ?? finding.Title, 36),
                ["desc"] = Cap($"手册 {finding.Handbook} · {finding.Severity}", 44),
            },
            ["sub_title_text"] = Cap(text, 200),
            ["horizontal_content_list"] = new JsonArray(
                new JsonObject { ["keyname"] = "规则", ["value"] = Cap(finding.Rule, 26) },
                new JsonObject { ["keyname"] = "对象", ["value"] = Cap(finding.Subject, 26) }),
            ["task_id"] = taskId,
        };
    }

    private static string Cap(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
