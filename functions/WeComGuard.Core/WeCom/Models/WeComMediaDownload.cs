namespace WeComGuard.Core.WeCom;

/// <summary>What <see cref="WeComApiClient.DownloadMediaAsync"/> wrote: the file name from Content-Disposition, the content type and the byte count.</summary>
public sealed record WeComMediaDownload(string FileName, string ContentType, long Length);
