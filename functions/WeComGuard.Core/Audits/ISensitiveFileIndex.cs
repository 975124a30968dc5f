namespace WeComGuard.Core.Audits;

/// <summary>The files the scanner judged sensitive, by MD5 (lowercase hex), for the file-transfer audit.</summary>
public interface ISensitiveFileIndex
{
    Task<IReadOnlySet<string>> GetSensitiveMd5sAsync(CancellationToken cancellationToken);
}
