using Azure.Core;

namespace WeComGuard.Core.Scanning;

/// <summary>Options of the Azure AI Language PII second stage (REST <c>/language/:analyze-text</c>, kind PiiEntityRecognition).</summary>
public sealed class LanguagePiiOptions : ClientOptions
{
    /// <summary>Newest GA version in azure-rest-api-specs when this was written; set <c>Language__ApiVersion</c> to change it.</summary>
    public const string DefaultApiVersion = "2026-05-01";

    public string ApiVersion { get; set; } = DefaultApiVersion;

    public string Language { get; set; } = "zh-hans";

    /// <summary>What the local rules cannot find. Other categories (IDs, phones, cards) are the local detectors' job.</summary>
    public IList<string> Categories { get; } = ["Person", "Address"];

    /// <summary>Service limit: 5,120 text elements per document; a UTF-16 code unit count never exceeds the element count.</summary>
    public int ChunkLength { get; set; } = 5000;

    /// <summary>Overlap between chunks so that an entity on a boundary is seen whole in one of them.</summary>
    public int ChunkOverlap { get; set; } = 50;

    /// <summary>Service limit for synchronous PII requests.</summary>
    public int DocumentsPerRequest { get; set; } = 5;
}
