namespace WeComGuard.Core.Scanning;

/// <summary>What a file is, judged from its first bytes (and its name only where the bytes cannot tell).</summary>
internal enum FileKind
{
    Text,
    Zip,
    Docx,
    Xlsx,
    Pptx,
    Pdf,
    EncryptedOffice,
    LegacyOffice,
    Image,
    Binary,
}
