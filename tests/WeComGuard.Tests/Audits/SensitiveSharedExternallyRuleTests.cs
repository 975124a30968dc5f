using WeComGuard.Core.Audits;
using WeComGuard.Core.Audits.Rules;

namespace WeComGuard.Tests.Audits;

public sealed class SensitiveSharedExternallyRuleTests
{
    private const string SensitiveMd5 = "0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Time = new(2026, 11, 28, 3, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<string> Sensitive = [SensitiveMd5];

    [Theory]
    [InlineData(134, true)]
    [InlineData(113, true)]
    [InlineData(114, true)]
    [InlineData(140, true)]
    [InlineData(103, false)]
    [InlineData(112, false)]
    [InlineData(135, false)]
    public void Fires_for_external_operation_types_on_sensitive_files(int type, bool expected)
    {
        var findings = SensitiveSharedExternallyRule.Evaluate([new FileOperRecord(Time, "zhangsan", null, type, SensitiveMd5, "名单.xlsx")], Sensitive);

        Assert.Equal(expected, findings.Count == 1);
        if (expected)
        {
            Assert.Equal($"zhangsan|{SensitiveMd5}", findings[0].Subject);
        }
    }

    [Fact]
    public void Fires_for_any_operation_by_an_external_user()
    {
        var external = new FileOperExternalUser(1, "王客户", null);

        var finding = Assert.Single(SensitiveSharedExternallyRule.Evaluate([new FileOperRecord(Time, null, external, 103, SensitiveMd5, null)], Sensitive));

        Assert.Equal($"external:wechat:王客户|{SensitiveMd5}", finding.Subject);
    }

    [Fact]
    public void Ignores_files_not_judged_sensitive_and_compares_md5_case_insensitively()
    {
        Assert.Empty(SensitiveSharedExternallyRule.Evaluate([new FileOperRecord(Time, "zhangsan", null, 134, "ffffffffffffffffffffffffffffffff", null)], Sensitive));
        Assert.Single(SensitiveSharedExternallyRule.Evaluate([new FileOperRecord(Time, "zhangsan", null, 134, SensitiveMd5.ToUpperInvariant(), null)], Sensitive));
    }

    [Fact]
    public void Repeated_operations_by_one_user_on_one_file_make_one_finding()
    {
        var findings = SensitiveSharedExternallyRule.Evaluate(
        [
            new FileOperRecord(Time, "zhangsan", null, 134, SensitiveMd5, null),
            new FileOperRecord(Time.AddHours(1), "zhangsan", null, 114, SensitiveMd5, null),
            new FileOperRecord(Time, "lisi", null, 140, SensitiveMd5, null),
        ], Sensitive);

        Assert.Equal([$"lisi|{SensitiveMd5}", $"zhangsan|{SensitiveMd5}"], findings.Select(finding => finding.Subject));
        Assert.Equal(2, findings[1].Details["count"]!.GetValue<int>());
    }
}
