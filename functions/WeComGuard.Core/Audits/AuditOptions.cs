using System.Globalization;
using Microsoft.Extensions.Configuration;
using WeComGuard.Core.Audits.Rules;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.Audits;

/// <summary>The audits' thresholds (configuration section <c>Audits</c>; app settings <c>Audits__…</c>).</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audits";

    /// <summary>account.activation-overdue: days after hire_date before a not-activated account is overdue.</summary>
    public int ActivationOverdueDays { get; set; } = 7;

    /// <summary>account.new-device-logins: new-device logins within 24 hours that raise a finding.</summary>
    public int NewDeviceLoginThreshold { get; set; } = 3;

    /// <summary>account.login-after-departure: how many days back logins are checked.</summary>
    public int LoginAfterDepartureDays { get; set; } = 7;

    /// <summary>group.overlap: the Jaccard similarity at or above which two groups overlap.</summary>
    public double OverlapJaccardThreshold { get; set; } = 0.8;

    /// <summary>group.overlap: groups with fewer members are not compared.</summary>
    public int OverlapMinMembers { get; set; } = 3;

    /// <summary>group.unnamed: names WeCom gives groups nobody named.</summary>
    public IReadOnlyList<string> DefaultGroupNames { get; set; } = ["群聊", "新建群聊", "未命名群聊"];

    /// <summary>file.sensitive-shared-externally: how many days of file operation records each run reads (WeCom allows 14).</summary>
    public int FileTransferLookbackDays { get; set; } = 14;

    /// <summary>admin.app-installed: approved app names, AgentIds or suite ids (setting: comma-separated).</summary>
    public IReadOnlyList<string> ApprovedApps { get; set; } = [];

    /// <summary>The admin audit: how many days of the admin operation log each run reads (WeCom keeps 180).</summary>
    public int AdminLogLookbackDays { get; set; } = 30;

    /// <summary>account.wechat-rebound, account.mobile-changed: days within which the changes (or a new-device login) count as one takeover signal.</summary>
    public int AccountSignalWindowDays { get; set; } = 3;

    /// <summary>The handover rules: days after a departure before unassigned customers or pending groups are overdue.</summary>
    public int HandoverGraceDays { get; set; } = 3;

    /// <summary>Reads the <c>Audits</c> section; missing values keep their defaults, bad values are reported by setting name.</summary>
    public static AuditOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new AuditOptions();
        options.ActivationOverdueDays = ReadInt(configuration, SettingNames.AuditActivationOverdueDays, options.ActivationOverdueDays, 0, 3650);
        options.NewDeviceLoginThreshold = ReadInt(configuration, SettingNames.AuditNewDeviceLoginThreshold, options.NewDeviceLoginThreshold, 1, 10000);
        options.LoginAfterDepartureDays = ReadInt(configuration, SettingNames.AuditLoginAfterDepartureDays, options.LoginAfterDepartureDays, 1, 7);
        options.OverlapMinMembers = ReadInt(configuration, SettingNames.AuditOverlapMinMembers, options.OverlapMinMembers, 1, 100000);
        options.FileTransferLookbackDays = ReadInt(configuration, SettingNames.AuditFileTransferLookbackDays, options.FileTransferLookbackDays, 1, 14);
        options.AccountSignalWindowDays = ReadInt(configuration, SettingNames.AuditAccountSignalWindowDays, options.AccountSignalWindowDays, 1, AccountSignalRule.LookbackDays);
        options.HandoverGraceDays = ReadInt(configuration, SettingNames.AuditHandoverGraceDays, options.HandoverGraceDays, 0, 365);
        options.AdminLogLookbackDays = ReadInt(configuration, SettingNames.AuditAdminLogLookbackDays, options.AdminLogLookbackDays, 1, 179);
        if (Value(configuration, SettingNames.AuditApprovedApps) is { } approved)
        {
            options.ApprovedApps = approved.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        var threshold = Value(configuration, SettingNames.AuditOverlapJaccardThreshold);
        if (threshold is not null)
        {
            if (!double.TryParse(threshold, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || parsed is <= 0 or > 1)
            {
                throw new InvalidOperationException($"Setting '{SettingNames.AuditOverlapJaccardThreshold}' must be a number in (0, 1].");
            }

            options.OverlapJaccardThreshold = parsed;
        }

        var names = Value(configuration, SettingNames.AuditDefaultGroupNames);
        if (names is not null)
        {
            options.DefaultGroupNames = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        return options;
    }

    private static int ReadInt(IConfiguration configuration, string setting, int fallback, int min, int max)
    {
        var value = Value(configuration, setting);
        if (value is null)
        {
            return fallback;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            throw new InvalidOperationException($"Setting '{setting}' must be a whole number from {min} to {max}.");
        }

        return parsed;
    }

    // App settings use "__" for sections; IConfiguration uses ":".
    private static string? Value(IConfiguration configuration, string setting)
    {
        var value = configuration[setting.Replace("__", ":", StringComparison.Ordinal)];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
