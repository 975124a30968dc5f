namespace WeComGuard.Core.Audits.Rules;

/// <summary>
/// The admin log's detail_type values each admin rule watches, with WeCom's names for them (DOC 100179
/// 操作行为类型说明, as mirrored in shuaidd/wecom-core docs/安全管理/获取管理端操作日志.md, updated 2024-09-13).
/// </summary>
public static class AdminActionTypes
{
    /// <summary>admin.app-installed: apps, suites and mini-programs added or enabled, their scope or rights changed.</summary>
    public static IReadOnlyDictionary<int, string> AppInstalled { get; } = new Dictionary<int, string>
    {
        [26] = "新增应用",
        [29] = "修改应用可见范围",
        [42] = "安装套件应用",
        [45] = "安装通讯录套件",
        [59] = "变更应用权限",
        [65] = "启用应用",
        [122] = "设置成员可见第三方应用入口",
        [123] = "启用小程序",
        [125] = "添加聊天附件栏小程序页面",
        [165] = "取消应用禁用",
        [170] = "调整自建应用为代开发自建应用",
    };

    /// <summary>admin.secret-exposed: an app Secret viewed or reset.</summary>
    public static IReadOnlyDictionary<int, string> SecretExposed { get; } = new Dictionary<int, string>
    {
        [159] = "查看Secret",
        [161] = "重置Secret",
    };

    /// <summary>admin.trusted-ip-changed: 企业可信IP, and the IP allowed to pull 会话内容存档.</summary>
    public static IReadOnlyDictionary<int, string> TrustedIpChanged { get; } = new Dictionary<int, string>
    {
        [135] = "会话内容存档修改IP地址",
        [172] = "企业可信IP",
    };

    /// <summary>admin.data-exported: directory, roster, customer-service and view-record exports.</summary>
    public static IReadOnlyDictionary<int, string> DataExported { get; } = new Dictionary<int, string>
    {
        [30] = "导出通讯录",
        [63] = "导出客服列表",
        [120] = "导出相关操作记录",
        [133] = "导出全量成员查看记录",
        [134] = "导出指定成员的查看记录",
        [180] = "导出通讯录（花名册）",
        [182] = "批量导出",
    };

    /// <summary>admin.rights-granted: admins and admin groups added, their rights or scope changed, the creator transferred.</summary>
    public static IReadOnlyDictionary<int, string> RightsGranted { get; } = new Dictionary<int, string>
    {
        [5] = "新增分级管理员",
        [7] = "更改操作权限",
        [8] = "更改管理范围",
        [31] = "新增管理组",
        [34] = "修改管理组通讯录权限",
        [35] = "修改管理组应用权限",
        [36] = "修改管理组管理员列表",
        [37] = "转让创建人",
        [173] = "授权通讯录编辑权限",
    };
}
