using System.Net;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeComGuard.Core.Callbacks;
using WeComGuard.Core.Events;

namespace WeComGuard.Tests.DirectoryMirror;

/// <summary>
/// A minimal stand-in for WeCom Guard's callback endpoint on loopback: checks the signature, decrypts, parses the
/// event's top-level XML elements into a <see cref="WeComEvent"/> and hands it to an applier. It can refuse the first
/// deliveries with HTTP 500 to exercise the sender's retries.
/// </summary>
internal sealed class TestCallbackReceiver : IAsyncDisposable
{
    public const string Token = "GuardTestToken";
    public const string EncodingAesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";

    private readonly WebApplication _app;
    private int _refusalsLeft;
    private int _received;

    private TestCallbackReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public int Received => Volatile.Read(ref _received);

    public List<string> Rejections { get; } = [];

    public static async Task<TestCallbackReceiver> StartAsync(string receiveId, Func<WeComEvent, Task> apply)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new TestCallbackReceiver(app);
        var aesKey = WeComCallbackCrypto.DecodeAesKey(EncodingAesKey);
        app.MapPost("/callback", async (HttpContext context) =>
        {
            Interlocked.Increment(ref receiver._received);
            if (Interlocked.Decrement(ref receiver._refusalsLeft) >= 0)
            {
                return Results.StatusCode(500);
            }

            var envelope = XElement.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync());
            var encrypted = envelope.Element("Encrypt")!.Value;
            var query = context.Request.Query;
            if (!WeComCallbackCrypto.VerifySignature(Token, query["timestamp"]!, query["nonce"]!, encrypted, query["msg_signature"]!))
            {
                lock (receiver.Rejections)
                {
                    receiver.Rejections.Add("signature");
                }

                return Results.StatusCode(400);
            }

            var decrypted = WeComCallbackCrypto.Decrypt(aesKey, encrypted);
            if (decrypted.ReceiveId != receiveId)
            {
                return Results.StatusCode(400);
            }

            await apply(WeComEventParser.Parse(decrypted.Message));
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address + "/callback");
        return receiver;
    }

    public void RefuseNext(int count) => Volatile.Write(ref _refusalsLeft, count);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
