using WeComGuard.Tests.Callbacks;

namespace WeComGuard.Tests.Cli;

[Trait("Needs", "Process")]
public sealed class CallbackDecryptCommandTests
{
    [Fact]
    public async Task Decrypts_a_URL_verification_echostr_and_prints_only_the_plaintext()
    {
        var (exit, output, _) = await CliProcess.RunAsync("callback", "decrypt",
            "--token", TencentVectors.A.Token, "--aes-key", TencentVectors.A.EncodingAesKey, "--receive-id", TencentVectors.A.CorpId,
            "--signature", TencentVectors.A.GetSignature, "--timestamp", TencentVectors.A.GetTimestamp, "--nonce", TencentVectors.A.GetNonce,
            "--echostr", Uri.EscapeDataString(TencentVectors.A.EchoStr));

        Assert.Equal(0, exit);
        Assert.Equal(TencentVectors.A.EchoPlaintext, output);
    }

    [Fact]
    public async Task Decrypts_an_event_body_file()
    {
        var body = Path.GetTempFileName();
        await File.WriteAllTextAsync(body, TencentVectors.A.PostBodyXml);
        try
        {
            var (exit, output, _) = await CliProcess.RunAsync("callback", "decrypt",
                "--token", TencentVectors.A.Token, "--aes-key", TencentVectors.A.EncodingAesKey, "--receive-id", TencentVectors.A.CorpId,
                "--signature", TencentVectors.A.PostSignature, "--timestamp", TencentVectors.A.PostTimestamp, "--nonce", TencentVectors.A.PostNonce,
                "--body", body);

            Assert.Equal(0, exit);
            Assert.Equal(TencentVectors.A.PostPlaintext, output);
        }
        finally
        {
            File.Delete(body);
        }
    }

    [Theory]
    [InlineData("--token", "wrong", "SignatureMismatch (-40001)")]
    [InlineData("--receive-id", "ww0000000000000000", "ReceiveIdMismatch (-40005)")]
    [InlineData("--aes-key", "short", "InvalidAesKey (-40004)")]
    public async Task Explains_why_a_callback_is_refused_and_exits_1(string option, string value, string reason)
    {
        var arguments = new Dictionary<string, string>
        {
            ["--token"] = TencentVectors.A.Token, ["--aes-key"] = TencentVectors.A.EncodingAesKey, ["--receive-id"] = TencentVectors.A.CorpId,
            ["--signature"] = TencentVectors.A.GetSignature, ["--timestamp"] = TencentVectors.A.GetTimestamp, ["--nonce"] = TencentVectors.A.GetNonce,
            ["--echostr"] = TencentVectors.A.EchoStr,
        };
        arguments[option] = value;

        var (exit, output, error) = await CliProcess.RunAsync(["callback", "decrypt", .. arguments.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain(TencentVectors.A.EncodingAesKey, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_errors_exit_non_zero_without_output()
    {
        var (exit, output, _) = await CliProcess.RunAsync("callback", "decrypt", "--token", "t");

        Assert.NotEqual(0, exit);
        Assert.DoesNotContain(TencentVectors.A.EchoPlaintext, output, StringComparison.Ordinal);
    }
}
