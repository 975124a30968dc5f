namespace WeComGuard.Core.Scanning;

/// <summary>
/// An optional second opinion on extracted text (Azure AI Language PII): person names and addresses, which local rules
/// cannot find. Offsets are UTF-16 code units into the text given.
/// </summary>
public interface ISecondStageRecognizer
{
    Task<IReadOnlyList<RecognizedEntity>> RecognizeAsync(string text, CancellationToken cancellationToken);
}
