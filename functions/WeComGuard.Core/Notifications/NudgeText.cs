using System.Globalization;
using System.Text;
using WeComGuard.Core.Audits;

namespace WeComGuard.Core.Notifications;

/// <summary>
/// The Chinese markdown of one person's daily nudge: each open finding with its handbook clause, what to do and by
/// when (China date), then the findings escalated to them as the responsible person's leader. Over WeCom's 4,096
/// bytes it is cut with a note.
/// </summary>
public static class NudgeText
{
    public static string Render(IReadOnlyList<NudgeItem> items, int escalationDays)
    {
        ArgumentNullException.ThrowIfNull(items);
        var own = items.Where(i => i.Role == NudgeItem.RoleResponsible).ToList();
        var escalated = items.Where(i => i.Role == NudgeItem.RoleEscalation).ToList();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"**WeCom Guard：您有 {own.Count + escalated.Count} 项企业微信使用规范问题需要处理**\n");
        AppendItems(text, own, escalationDays, number: 1);
        if (escalated.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n**以下问题已超过 {escalationDays} 天未处理，请督促负责人：**\n");
            AppendItems(text, escalated, escalationDays, number: own.Count + 1);
        }

        text.Append("\n> 处理后，下一次审计会自动关闭问题；如有例外，请联系安全团队申请豁免。");
        return WeComSecurityTeamNotifier.Truncate(text.ToString());
    }

    private static void AppendItems(StringBuilder text, List<NudgeItem> items, int escalationDays, int number)
    {
        foreach (var item in items)
        {
            var finding = item.Finding;
            var definition = AuditRuleCatalog.All.FirstOrDefault(r => r.Id == finding.Rule);
            var title = definition?.TitleChinese ?? finding.Title;
            var due = ChinaTime.DateOf(finding.FirstSeen).AddDays(escalationDays);
            text.Append(CultureInfo.InvariantCulture, $"\n{number++}. **{WeComMarkdown.Text(title)}**（手册 {finding.Handbook}）\n");
            text.Append(CultureInfo.InvariantCulture, $"> 对象：{WeComMarkdown.Text(finding.Subject)}\n");
            text.Append(CultureInfo.InvariantCulture, $"> 请：{AuditRuleResponsibilities.For(finding.Rule).WhatToDo}\n");
            text.Append(CultureInfo.InvariantCulture, $"> 期限：{due:yyyy-MM-dd} 前");
            if (item.Role == NudgeItem.RoleEscalation && item.Responsible is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"（负责人 {WeComMarkdown.Text(item.Responsible)}）");
            }

            text.Append('\n');
        }
    }
}
