using System.CommandLine;
using System.Text;
using WeComGuard.Core.Callbacks;

namespace WeComGuard.Cli.Commands;

internal static class CallbackCommand
{
    public static Command Create()
    {
        var command = new Command("callback", "Work with WeCom callbacks.");
        command.Subcommands.Add(CreateDecrypt());
        return command;
    }

    private static Command CreateDecrypt()
    {
        var token = new Option<string>("--token") { Description = "The callback Token from the WeCom admin console.", Required = true };
        var aesKey = new Option<string>("--aes-key") { Description = "The 43-character EncodingAESKey.", Required = true };
        var receiveId = new Option<string>("--receive-id") { Description = "The receive id: the CorpID for self-built apps.", Required = true };
        var signature = new Option<string>("--signature") { Description = "msg_signature from the callback URL.", Required = true };
        var timestamp = new Option<string>("--timestamp") { Description = "timestamp from the callback URL.", Required = true };
        var nonce = new Option<string>("--nonce") { Description = "nonce from the callback URL.", Required = true };
        var echoStr = new Option<string?>("--echostr") { Description = "echostr from a URL-verification GET (URL-decoded or not)." };
        var body = new Option<FileInfo?>("--body") { Description = "A file holding the POST body (XML or JSON envelope)." };
        var command = new Command("decrypt", "Check and decrypt one callback as WeCom Guard would; prints the plaintext, or why it is refused (exit 1).")
        {
            token, aesKey, receiveId, signature, timestamp, nonce, echoStr, body,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(echoStr) is null) == (result.GetValue(body) is null))
            {
                result.AddError("Give exactly one of --echostr and --body.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var query = new CallbackQuery(parse.GetValue(signature), parse.GetValue(timestamp), parse.GetValue(nonce), parse.GetValue(echoStr));
            try
            {
                var receiver = CallbackReceiver.Create("cli", parse.GetValue(token)!, parse.GetValue(aesKey)!, parse.GetValue(receiveId)!);
                string encrypted;
                if (parse.GetValue(body) is { } file)
                {
                    var bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
                    encrypted = CallbackEnvelope.Parse(bytes).Encrypt;
                }
                else
                {
                    encrypted = Uri.UnescapeDataString(query.EchoStr!).Replace(' ', '+');
                }

                // Integrators replay old callbacks here, so no timestamp window.
                var decrypted = CallbackVerifier.Open(receiver, query, encrypted, maxSkewSeconds: 0, DateTimeOffset.UtcNow);
                await Console.Out.WriteAsync(Encoding.UTF8.GetString(decrypted.Message));
                await Console.Out.FlushAsync(cancellationToken);
                return 0;
            }
            catch (WeComCryptoException error)
            {
                await Console.Error.WriteLineAsync($"refused: {error.Reason} ({(int)error.Reason}): {error.Message}");
                return 1;
            }
            catch (IOException error)
            {
                await Console.Error.WriteLineAsync($"cannot read the body file: {error.Message}");
                return 2;
            }
        });
        return command;
    }
}
