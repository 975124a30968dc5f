namespace WeComGuard.Core.Scanning;

/// <summary>The detector ids. They are part of WeCom Guard's contract: reports, findings and the CLI output use them.</summary>
public static class DetectorIds
{
    public const string ResidentId = "cn-resident-id";
    public const string Mobile = "cn-mobile";
    public const string BankCard = "bank-card";
    public const string Uscc = "cn-uscc";
    public const string Email = "email";
    public const string Credential = "credential";
    public const string Passport = "cn-passport";
    public const string HkMacauPermit = "hk-macau-permit";
    public const string PasswordField = "password-field";
    public const string ClassificationMark = "classification-mark";

    /// <summary>Second-stage (Azure AI Language) findings: <c>ai-pii:{Category}</c>, e.g. <c>ai-pii:Person</c>.</summary>
    public const string SecondStagePrefix = "ai-pii:";

    public static IReadOnlyList<string> All { get; } =
    [
        ResidentId, Mobile, BankCard, Uscc, Email, Credential, Passport, HkMacauPermit, PasswordField, ClassificationMark,
    ];
}
