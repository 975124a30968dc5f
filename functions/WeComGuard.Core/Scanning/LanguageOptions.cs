namespace WeComGuard.Core.Scanning;

/// <summary>
/// The optional Azure AI Language PII second stage (section <c>Language</c>): off while <c>Language__Endpoint</c> is
/// empty; <c>Language__ApiVersion</c> defaults to <see cref="LanguagePiiOptions.DefaultApiVersion"/>.
/// </summary>
public sealed class LanguageOptions
{
    public const string SectionName = "Language";

    public string? Endpoint { get; set; }

    public string ApiVersion { get; set; } = LanguagePiiOptions.DefaultApiVersion;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Endpoint);
}
