using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Azure AI Language PII over REST through Azure.Core's HttpPipeline (Azure.AI.TextAnalytics cannot be restored here):
/// Entra ID bearer tokens, the pipeline's retry policy (which honours Retry-After), documents of at most
/// <see cref="LanguagePiiOptions.ChunkLength"/> UTF-16 code units with overlap, 5 per request, Utf16CodeUnit offsets,
/// loggingOptOut.
/// </summary>
public sealed class LanguagePiiRecognizer : ISecondStageRecognizer
{
    private const string Scope = "https://cognitiveservices.azure.com/.default";
    private readonly Uri _endpoint;
    private readonly LanguagePiiOptions _options;
    private readonly HttpPipeline _pipeline;

    public LanguagePiiRecognizer(Uri endpoint, TokenCredential credential, LanguagePiiOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        _endpoint = endpoint;
        _options = options ?? new LanguagePiiOptions();
        _pipeline = HttpPipelineBuilder.Build(_options, new BearerTokenAuthenticationPolicy(credential, Scope));
    }

    public async Task<IReadOnlyList<RecognizedEntity>> RecognizeAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chunks = Chunk(text);
        var entities = new List<RecognizedEntity>();
        var seen = new HashSet<(int, int, string)>();
        for (var first = 0; first < chunks.Count; first += _options.DocumentsPerRequest)
        {
            var batch = chunks.Skip(first).Take(_options.DocumentsPerRequest).ToList();
            foreach (var entity in await AnalyzeAsync(text, batch, cancellationToken).ConfigureAwait(false))
            {
                if (seen.Add((entity.Offset, entity.Length, entity.Category)))
                {
                    entities.Add(entity);
                }
            }
        }

        return entities;
    }

    /// <summary>Chunks as (start, length), overlapping, never splitting a surrogate pair.</summary>
    internal List<(int Start, int Length)> Chunk(string text)
    {
        var chunks = new List<(int, int)>();
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(text.Length, start + _options.ChunkLength);
            if (end < text.Length && char.IsHighSurrogate(text[end - 1]))
            {
                end--;
            }

            chunks.Add((start, end - start));
            if (end == text.Length)
            {
                break;
            }

            start = end - _options.ChunkOverlap;
            if (char.IsLowSurrogate(text[start]))
            {
                start--;
            }
        }

        return chunks;
    }

    private async Task<List<RecognizedEntity>> AnalyzeAsync(string text, List<(int Start, int Length)> batch, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(_endpoint);
        request.Uri.AppendPath("/language/:analyze-text", escape: false);
        request.Uri.AppendQuery("api-version", _options.ApiVersion);
        request.Headers.Add("Content-Type", "application/json");
        request.Content = RequestContent.Create(RequestBody(text, batch));

        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.IsError)
        {
            throw new RequestFailedException(response);
        }

        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var results = document.RootElement.GetProperty("results");
        if (results.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
        {
            var error = errors[0].GetProperty("error");
            throw new InvalidOperationException(
                $"Azure AI Language rejected a document: {error.GetProperty("code").GetString()}");
        }

        var entities = new List<RecognizedEntity>();
        foreach (var resultDocument in results.GetProperty("documents").EnumerateArray())
        {
            var index = int.Parse(resultDocument.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var (chunkStart, chunkLength) = batch[index];
            foreach (var entity in resultDocument.GetProperty("entities").EnumerateArray())
            {
                var offset = entity.GetProperty("offset").GetInt32();
                var length = entity.GetProperty("length").GetInt32();
                if (offset < 0 || length <= 0 || offset + length > chunkLength)
                {
                    continue;
                }

                entities.Add(new RecognizedEntity(
                    entity.GetProperty("category").GetString() ?? "Unknown",
                    chunkStart + offset,
                    length,
                    entity.GetProperty("confidenceScore").GetDouble()));
            }
        }

        return entities;
    }

    private byte[] RequestBody(string text, List<(int Start, int Length)> batch)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "PiiEntityRecognition");
            writer.WriteStartObject("analysisInput");
            writer.WriteStartArray("documents");
            for (var i = 0; i < batch.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("id", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteString("language", _options.Language);
                writer.WriteString("text", text.AsSpan(batch[i].Start, batch[i].Length));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteStartObject("parameters");
            writer.WriteString("modelVersion", "latest");
            writer.WriteBoolean("loggingOptOut", true);
            writer.WriteString("stringIndexType", "Utf16CodeUnit");
            writer.WriteStartArray("piiCategories");
            foreach (var category in _options.Categories)
            {
                writer.WriteStringValue(category);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
