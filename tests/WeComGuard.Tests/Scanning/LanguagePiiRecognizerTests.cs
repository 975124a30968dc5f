using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeComGuard.Core.Scanning;

namespace WeComGuard.Tests.Scanning;

/// <summary>
/// Azure AI Language cannot run here, so a loopback HTTPS stub answers <c>/language/:analyze-text</c> with the documented
/// PiiEntityRecognition JSON (entities with Utf16CodeUnit offsets), after one 429 with Retry-After.
/// </summary>
public sealed class LanguagePiiRecognizerTests : IAsyncLifetime
{
    private static readonly string[] KnownEntities = ["张伟", "北京市朝阳区建国路88号"];
    private readonly ConcurrentQueue<JsonNode> _requests = new();
    private readonly ConcurrentQueue<string?> _authorizations = new();
    private X509Certificate2 _certificate = null!;
    private WebApplication _app = null!;
    private int _calls;

    public Uri Endpoint { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        _certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_certificate)));
        _app = builder.Build();
        _app.MapPost("/language/:analyze-text", HandleAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (Interlocked.Increment(ref _calls) == 1)
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "1";
            await context.Response.WriteAsJsonAsync(new { error = new { code = "TooManyRequests", message = "Rate limit" } });
            return;
        }

        _authorizations.Enqueue(context.Request.Headers.Authorization);
        var body = (await JsonNode.ParseAsync(context.Request.Body))!;
        _requests.Enqueue(body);
        var documents = new JsonArray();
        foreach (var document in body["analysisInput"]!["documents"]!.AsArray())
        {
            var text = document!["text"]!.GetValue<string>();
            var entities = new JsonArray();
            foreach (var known in KnownEntities)
            {
                for (var at = text.IndexOf(known, StringComparison.Ordinal); at >= 0; at = text.IndexOf(known, at + 1, StringComparison.Ordinal))
                {
                    entities.Add(new JsonObject
                    {
                        ["text"] = known,
                        ["category"] = known.Length == 2 ? "Person" : "Address",
                        ["offset"] = at,
                        ["length"] = known.Length,
                        ["confidenceScore"] = 0.93,
                    });
                }
            }

            documents.Add(new JsonObject { ["id"] = document["id"]!.GetValue<string>(), ["entities"] = entities, ["warnings"] = new JsonArray() });
        }

        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["kind"] = "PiiEntityRecognitionResults",
            ["results"] = new JsonObject { ["documents"] = documents, ["errors"] = new JsonArray(), ["modelVersion"] = "2025-11-01" },
        });
    }

    private LanguagePiiRecognizer Recognizer()
    {
        var options = new LanguagePiiOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Transport = new HttpClientTransport(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == _certificate.Thumbprint,
        });
        return new LanguagePiiRecognizer(Endpoint, new StaticTokenCredential(), options);
    }

    [Fact]
    public async Task Long_text_is_sent_in_chunks_of_five_documents_and_entities_map_back_to_text_offsets()
    {
        var text = new StringBuilder();
        var expected = new List<(string Category, int Offset)>();
        for (var i = 0; i < 30; i++)
        {
            text.Append(new string('文', 700 + (i * 13)));
            expected.Add(("Person", text.Length));
            text.Append("张伟");
            text.Append("。住址：");
            expected.Add(("Address", text.Length));
            text.Append("北京市朝阳区建国路88号。😀");
        }

        var entities = await Recognizer().RecognizeAsync(text.ToString(), CancellationToken.None);

        Assert.Equal(expected, entities.Select(e => (e.Category, e.Offset)).OrderBy(e => e.Offset));
        Assert.All(entities, e => Assert.Equal(KnownEntities.Single(k => k.Length == e.Length), text.ToString(e.Offset, e.Length)));
        Assert.True(_requests.Count >= 2);
        foreach (var request in _requests)
        {
            Assert.Equal("PiiEntityRecognition", request["kind"]!.GetValue<string>());
            Assert.True(request["parameters"]!["loggingOptOut"]!.GetValue<bool>());
            Assert.Equal("Utf16CodeUnit", request["parameters"]!["stringIndexType"]!.GetValue<string>());
            var documents = request["analysisInput"]!["documents"]!.AsArray();
            Assert.InRange(documents.Count, 1, 5);
            Assert.All(documents, d => Assert.InRange(new System.Globalization.StringInfo(d!["text"]!.GetValue<string>()).LengthInTextElements, 1, 5120));
        }

        Assert.All(_authorizations, a => Assert.Equal("Bearer stub-token", a));
    }

    [Fact]
    public async Task The_first_429_is_retried_after_retry_after()
    {
        var entities = await Recognizer().RecognizeAsync("联系人张伟", CancellationToken.None);

        Assert.Equal(2, _calls);
        Assert.Equal(("Person", 3, 2), (entities.Single().Category, entities.Single().Offset, entities.Single().Length));
    }

    [Fact]
    public async Task The_file_scanner_adds_second_stage_findings_masked_and_located()
    {
        var scanner = new FileScanner(new ScanningOptions { FingerprintKey = "k" }, Recognizer());

        var result = await scanner.ScanAsync(new MemoryStream(Encoding.UTF8.GetBytes("会议纪要\n负责人：张伟，手机 13812345678\n")), "notes.txt", CancellationToken.None);

        var person = Assert.Single(result.Findings, f => f.DetectorId == "ai-pii:Person");
        Assert.Equal(("张*", "line 2", FindingConfidence.High), (person.Masked, person.Location, person.Confidence));
        Assert.Contains(result.Findings, f => f.DetectorId == DetectorIds.Mobile);
    }

    [Fact]
    public void AddScanning_turns_the_second_stage_on_only_when_the_language_endpoint_is_set()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scanning:FingerprintKey"] = "k",
            ["Language:Endpoint"] = "https://wecomguard-language.cognitiveservices.azure.com",
            ["Language:ApiVersion"] = "2025-11-01",
        }).Build();
        using var on = new ServiceCollection().AddScanning(configuration).BuildServiceProvider();
        using var off = new ServiceCollection().AddScanning(new ConfigurationBuilder().Build()).BuildServiceProvider();

        Assert.IsType<LanguagePiiRecognizer>(on.GetService<ISecondStageRecognizer>());
        Assert.Null(off.GetService<ISecondStageRecognizer>());
    }

    private sealed class StaticTokenCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("stub-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
