using System.Text;
using WeComGuard.Core.Scanning;

namespace WeComGuard.Tests.Scanning;

public sealed class FileScanRequestTests
{
    private const string Subject = "/blobServices/default/containers/incoming-files/blobs/wecom-archive/2026/11/29/m1/报价 单.xlsx";

    [Fact]
    public void An_event_grid_batch_gives_one_request_per_blob_created_event_and_ignores_other_events()
    {
        var body = $$$"""
            [
              {"subject":"{{{Subject}}}","eventType":"Microsoft.Storage.BlobCreated","data":{"url":"https://x/incoming-files/a"}},
              {"subject":"/blobServices/default/containers/incoming-files/blobs/old.txt","eventType":"Microsoft.Storage.BlobDeleted"}
            ]
            """;

        var request = Assert.Single(FileScanRequest.Parse(BinaryData.FromString(body)));

        Assert.Equal(new FileScanRequest("incoming-files", "wecom-archive/2026/11/29/m1/报价 单.xlsx"), request);
    }

    [Fact]
    public void A_cloud_event_and_a_plain_request_are_accepted()
    {
        var cloudEvent = $$"""{"specversion":"1.0","type":"Microsoft.Storage.BlobCreated","source":"/subscriptions/x","subject":"{{Subject}}","id":"1"}""";
        var plain = """{"container":"incoming-files","blob":"manual/a.docx"}""";

        Assert.Equal("incoming-files", Assert.Single(FileScanRequest.Parse(BinaryData.FromString(cloudEvent))).Container);
        Assert.Equal(new FileScanRequest("incoming-files", "manual/a.docx"), Assert.Single(FileScanRequest.Parse(BinaryData.FromString(plain))));
    }

    [Fact]
    public void A_base64_body_that_was_not_decoded_is_still_read()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"container":"incoming-files","blob":"a.txt"}"""));

        Assert.Equal("a.txt", Assert.Single(FileScanRequest.Parse(BinaryData.FromString(encoded))).Blob);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"container":"incoming-files"}""")]
    [InlineData("""{"eventType":"Microsoft.Storage.BlobCreated","subject":"/nothing"}""")]
    [InlineData("42")]
    public void Anything_else_is_a_format_error_with_a_reason(string body)
    {
        var error = Assert.Throws<FormatException>(() => FileScanRequest.Parse(BinaryData.FromString(body)));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void A_WeCom_media_request_becomes_a_copy_in_incoming_files_named_by_its_media_id()
    {
        var request = Assert.Single(FileScanRequest.Parse(BinaryData.FromString("{\"wecomMediaId\":\"3a8asd892asd8asd/../x\",\"filename\":\"../../报表.xlsx\"}")));

        Assert.Equal("incoming-files", request.Container);
        Assert.Matches("^wecom-media/\\d{4}/\\d{2}/\\d{2}/3a8asd892asd8asdx/报表\\.xlsx$", request.Blob);
        Assert.Equal("3a8asd892asd8asd/../x", request.WeComMediaId);
    }
}
