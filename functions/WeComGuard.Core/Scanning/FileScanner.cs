using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using UglyToad.PdfPig.Exceptions;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Scans one file: detects its kind, extracts text (text encodings, docx/xlsx/pptx, pdf, zip nested to
/// <see cref="ScanningOptions.MaxArchiveDepth"/>), runs the detectors and returns masked, fingerprinted findings.
/// A bad file never throws: it gets a status (encrypted, unsupported, failed) and a reason.
/// </summary>
public sealed class FileScanner
{
    private readonly ScanningOptions _options;
    private readonly FindingFingerprinter _fingerprinter;
    private readonly ISecondStageRecognizer? _secondStage;

    public FileScanner(ScanningOptions options, ISecondStageRecognizer? secondStage = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.FingerprintKey))
        {
            throw new InvalidOperationException("Scanning needs a fingerprint key: set the 'Scanning__FingerprintKey' app setting.");
        }

        _options = options;
        _fingerprinter = new FindingFingerprinter(options.FingerprintKey);
        _secondStage = secondStage;
    }

    public ScanningOptions Options => _options;

    public async Task<FileScanResult> ScanFileAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        return await ScanAsync(stream, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads <paramref name="content"/> (at most the size cap is kept in memory; the hashes cover the whole stream) and scans it.</summary>
    public async Task<FileScanResult> ScanAsync(Stream content, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(source);

        // UTF-8 text (most files people paste secrets into) is streamed: flat memory, hashed while it is scanned.
        if (_secondStage is null && content.CanSeek && content.Length - content.Position is var remaining && remaining <= _options.MaxFileBytes)
        {
            var start = content.Position;
            var streamed = await ScanStreamedTextAsync(content, source, remaining, cancellationToken).ConfigureAwait(false);
            if (streamed is not null)
            {
                return streamed;
            }

            content.Position = start;
        }

        var expected = content.CanSeek ? content.Length - content.Position : 0;
        using var buffered = new MemoryStream(expected is > 0 and <= int.MaxValue ? (int)Math.Min(expected, _options.MaxFileBytes) : 0);
        var buffer = new byte[1024 * 1024];
        long size = 0;
        int read;
        IncrementalHash? oversizeSha = null;
        IncrementalHash? oversizeMd5 = null;
        try
        {
            while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                size += read;
                if (size <= _options.MaxFileBytes)
                {
                    buffered.Write(buffer, 0, read);
                    continue;
                }

                // Too large to scan: keep reading only to hash the whole file.
                if (oversizeSha is null)
                {
                    oversizeSha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    oversizeMd5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
                    oversizeSha.AppendData(buffered.GetBuffer(), 0, (int)buffered.Length);
                    oversizeMd5.AppendData(buffered.GetBuffer(), 0, (int)buffered.Length);
                }

                oversizeSha.AppendData(buffer, 0, read);
                oversizeMd5!.AppendData(buffer, 0, read);
            }

            if (oversizeSha is not null)
            {
                return Result(source, Convert.ToHexStringLower(oversizeSha.GetHashAndReset()), Convert.ToHexStringLower(oversizeMd5!.GetHashAndReset()), size, TypeFromName(source), FileScanStatus.Failed,
                    string.Create(CultureInfo.InvariantCulture, $"file is larger than the {_options.MaxFileBytes}-byte scan limit"));
            }
        }
        finally
        {
            oversizeSha?.Dispose();
            oversizeMd5?.Dispose();
        }

        // Sized from the stream's length, the buffer usually is the content exactly: no second copy.
        var bytes = buffered.Length == buffered.Capacity ? buffered.GetBuffer() : buffered.ToArray();

        // The hashes run on another core while the file is extracted and scanned.
        var hashes = Task.Run(() => Hashes(bytes), CancellationToken.None);
        using var timeout = StartTimeLimit(cancellationToken);

        FileScanResult result;
        var texts = _secondStage is null ? null : new List<(ExtractedText, string)>();

        // On a worker thread; every loop of the extractors checks the token, so a scan past its limit stops working, not
        // only waiting. A parser stuck inside a library call still ends for the caller after a grace period.
        var worker = Task.Run(() => RunWorker(bytes, source, new ArchiveBudget(_options, texts), timeout.Token), CancellationToken.None);
        try
        {
            result = await worker.WaitAsync(timeout.Token).ConfigureAwait(false);
            if (texts is { Count: > 0 })
            {
                result = await AddSecondStageAsync(result, texts, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await WaitForWorkerAsync(worker).ConfigureAwait(false);
            result = Result(source, string.Empty, string.Empty, size, TypeFromName(source), FileScanStatus.Failed,
                string.Create(CultureInfo.InvariantCulture, $"scan exceeded the {_options.TimeLimitSeconds}-second time limit"));
        }
        catch (OperationCanceledException)
        {
            await WaitForWorkerAsync(worker).ConfigureAwait(false);
            throw;
        }

        var (sha, md5) = await hashes.ConfigureAwait(false);
        return result with { Sha256 = sha, Md5 = md5 };
    }

    /// <summary>
    /// A UTF-8 text file through <see cref="StreamedTextScanner"/>, under the same time limit as a whole-file scan; null
    /// when it is not UTF-8 text or its buffers do not fit the memory budget (the whole-file scan then decides).
    /// </summary>
    private async Task<FileScanResult?> ScanStreamedTextAsync(Stream content, string source, long remaining, CancellationToken cancellationToken)
    {
        var chunkBytes = (int)Math.Clamp(remaining + 1, 8192, StreamedTextScanner.DefaultChunkBytes);
        if (StreamedTextScanner.HeldBytes(chunkBytes) > _options.MaxMemoryBytes)
        {
            return null;
        }

        using var timeout = StartTimeLimit(cancellationToken);
        var worker = Task.Run(() =>
        {
            Interlocked.Increment(ref _runningWorkers);
            try
            {
                return StreamedTextScanner.Scan(content, source, chunkBytes, _fingerprinter, _options.MaxFindingsPerFile, timeout.Token);
            }
            finally
            {
                Interlocked.Decrement(ref _runningWorkers);
            }
        }, CancellationToken.None);
        try
        {
            var text = await worker.WaitAsync(timeout.Token).ConfigureAwait(false);
            if (text is null)
            {
                return null;
            }

            var type = TypeFromName(source);
            return new FileScanResult
            {
                Source = source,
                Sha256 = text.Sha256,
                Md5 = text.Md5,
                Size = text.Size,
                Type = type == "binary" ? "txt" : type,
                Status = FileScanStatus.Scanned,
                Findings = text.Findings,
                FindingsNotListed = text.NotListed,
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await WaitForWorkerAsync(worker).ConfigureAwait(false);
            return Result(source, string.Empty, string.Empty, remaining, TypeFromName(source), FileScanStatus.Failed,
                string.Create(CultureInfo.InvariantCulture, $"scan exceeded the {_options.TimeLimitSeconds}-second time limit"));
        }
        catch (OperationCanceledException)
        {
            await WaitForWorkerAsync(worker).ConfigureAwait(false);
            throw;
        }
    }

    private CancellationTokenSource StartTimeLimit(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_options.TimeLimit > TimeSpan.Zero)
        {
            timeout.CancelAfter(_options.TimeLimit);
        }
        else
        {
            // A zero limit means no time at all; CancelAfter(0) would only cancel once a timer fires, racing the scan.
            timeout.Cancel();
        }

        return timeout;
    }

    /// <summary>How long a cancelled scan waits for its worker to notice; the worker checks its token in every loop.</summary>
    internal static TimeSpan WorkerStopGrace { get; } = TimeSpan.FromSeconds(30);

    private int _runningWorkers;

    /// <summary>Scan workers still running (extracting or detecting), for tests that check a cancelled scan stops.</summary>
    internal int RunningWorkers => Volatile.Read(ref _runningWorkers);

    private FileScanResult RunWorker(byte[] bytes, string source, ArchiveBudget budget, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runningWorkers);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                budget.Hold(bytes.Length, "the file");
            }
            catch (ScanBudgetExceededException overBudget)
            {
                return Result(source, string.Empty, string.Empty, bytes.Length, TypeFromName(source), FileScanStatus.TooLarge, overBudget.Message);
            }

            return ScanBytes(bytes, source, string.Empty, string.Empty, depth: 0, budget, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _runningWorkers);
        }
    }

    private static async Task WaitForWorkerAsync(Task worker)
    {
        try
        {
            await worker.WaitAsync(WorkerStopGrace).ConfigureAwait(false);
        }
        catch (Exception stopped) when (stopped is OperationCanceledException or TimeoutException)
        {
            // Cancelled, as asked; or still inside a library call after the grace period (it ends with its own limits).
        }
    }

    private static (string Sha256, string Md5) Hashes(byte[] bytes)
    {
#pragma warning disable CA5351 // WeCom's file operation records identify files by MD5: an identifier here, not a security control.
        return (Convert.ToHexStringLower(SHA256.HashData(bytes)), Convert.ToHexStringLower(MD5.HashData(bytes)));
#pragma warning restore CA5351
    }

    private async Task<FileScanResult> AddSecondStageAsync(FileScanResult result, List<(ExtractedText Text, string Source)> texts, CancellationToken cancellationToken)
    {
        var findings = new FindingList(_options.MaxFindingsPerFile);
        findings.AddMember(result);
        foreach (var (text, source) in texts)
        {
            if (text.Text.Length == 0)
            {
                continue;
            }

            var entities = await _secondStage!.RecognizeAsync(text.Text, cancellationToken).ConfigureAwait(false);
            TextFindingBuilder.AddEntities(text, source, _fingerprinter, entities, findings);
        }

        return result with { Findings = findings.Listed, FindingsNotListed = findings.NotListed() };
    }

    /// <summary>Scans text directly (no file): what the benchmark and the text paths share.</summary>
    public IReadOnlyList<SensitiveFinding> ScanText(string text, string source)
    {
        // Every finding: the caller bounds the text (the benchmark, tests).
        var findings = new FindingList(int.MaxValue);
        TextFindingBuilder.AddFindings(new ExtractedText(text), source, _fingerprinter, [], findings, CancellationToken.None);
        return findings.Listed;
    }

    private FileScanResult ScanBytes(byte[] bytes, string source, string? sha, string? md5, int depth, ArchiveBudget budget, CancellationToken cancellationToken)
    {
        sha ??= Convert.ToHexStringLower(SHA256.HashData(bytes));
#pragma warning disable CA5351 // WeCom's file operation records identify files by MD5: an identifier here, not a security control.
        md5 ??= Convert.ToHexStringLower(MD5.HashData(bytes));
#pragma warning restore CA5351
        var kind = FileKindDetector.Detect(bytes, source);
        var type = TypeFromName(source);
        try
        {
            switch (kind)
            {
                case FileKind.Text:
                    return ScanPlainText(bytes, source, sha, md5, type == "binary" ? "txt" : type, budget, cancellationToken);

                case FileKind.Pdf:
                    try
                    {
                        using var text = new ExtractedTextBuilder(budget);
                        var omitted = PdfTextExtractor.Extract(bytes, text, budget, cancellationToken);
                        return Scanned(source, sha, md5, bytes.Length, "pdf", text.Build(), budget, omitted ?? text.Truncated, cancellationToken);
                    }
                    catch (PdfDocumentEncryptedException)
                    {
                        return Result(source, sha, md5, bytes.Length, "pdf", FileScanStatus.Encrypted, "PDF is encrypted (not scanned)");
                    }

                case FileKind.Zip:
                    return ScanPackage(bytes, source, sha, md5, depth, budget, cancellationToken);
                case FileKind.EncryptedOffice:
                    return Result(source, sha, md5, bytes.Length, type, FileScanStatus.Encrypted, "Office file is encrypted (not scanned)");
                case FileKind.LegacyOffice:
                    return Result(source, sha, md5, bytes.Length, type, FileScanStatus.Unsupported, "legacy Office format is not scanned (save as docx, xlsx or pptx)");
                case FileKind.Image:
                    return Result(source, sha, md5, bytes.Length, "image", FileScanStatus.Unsupported, "images are not scanned (no OCR)");
                default:
                    return Result(source, sha, md5, bytes.Length, type, FileScanStatus.Unsupported, "binary file of an unsupported type");
            }
        }
        catch (ScanRejectedException rejected)
        {
            return Result(source, sha, md5, bytes.Length, type, FileScanStatus.Failed, rejected.Message);
        }
        catch (ScanBudgetExceededException overBudget)
        {
            return Result(source, sha, md5, bytes.Length, type, FileScanStatus.TooLarge, overBudget.Message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
        {
            // Parser messages can quote file content, so only the exception type goes into the reason.
            return Result(source, sha, md5, bytes.Length, type, FileScanStatus.Failed, $"could not read the {type} file ({exception.GetType().Name})");
        }
    }

    /// <summary>Text files: decoded whole (BOM, UTF-16, UTF-8, GB18030) and scanned.</summary>
    private FileScanResult ScanPlainText(byte[] bytes, string source, string sha, string md5, string type, ArchiveBudget budget, CancellationToken cancellationToken)
    {
        var held = bytes.Length * 2L;
        budget.Hold(held, "the decoded text");
        try
        {
            var (text, _) = TextDecoder.Decode(bytes);
            return Scanned(source, sha, md5, bytes.Length, type, new ExtractedText(text), budget, omitted: null, cancellationToken);
        }
        finally
        {
            budget.Release(held);
        }
    }

    private FileScanResult ScanPackage(byte[] bytes, string source, string sha, string md5, int depth, ArchiveBudget budget, CancellationToken cancellationToken)
    {
        using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        if (FileKindDetector.DetectPackage(archive) is { } package)
        {
            return ScanOffice(archive, package, bytes, source, sha, md5, depth, budget, cancellationToken);
        }

        if (depth + 1 > _options.MaxArchiveDepth)
        {
            return Result(source, sha, md5, bytes.Length, "zip", FileScanStatus.Unsupported,
                string.Create(CultureInfo.InvariantCulture, $"archive nested deeper than {_options.MaxArchiveDepth} levels is not scanned"));
        }

        var members = new List<FileScanResult>();
        var findings = new FindingList(_options.MaxFindingsPerFile);
        foreach (var entry in archive.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            budget.CountEntry();
            if (entry.FullName.EndsWith('/'))
            {
                continue;
            }

            var member = ScanMember(entry, source + "!" + entry.FullName, depth, budget, skip: null, cancellationToken);
            findings.AddMember(member!);
            members.Add(member!.CountedOnly());
        }

        return new FileScanResult
        {
            Source = source,
            Sha256 = sha,
            Md5 = md5,
            Size = bytes.Length,
            Type = "zip",
            Status = FileScanStatus.Scanned,
            Findings = findings.Listed,
            FindingsNotListed = findings.NotListed(),
            Members = members,
        };
    }

    /// <summary>
    /// A docx, xlsx or pptx: its text parts through <see cref="OfficeTextExtractor"/>, then every other part (embedded
    /// files, unreferenced or unknown parts, media that is not an image) as an archive member. Only members with
    /// findings or not read in full are listed; the package's own format parts (styles, themes, settings) are skipped.
    /// </summary>
    private FileScanResult ScanOffice(ZipArchive archive, OfficePackage package, byte[] bytes, string source, string sha, string md5, int depth, ArchiveBudget budget, CancellationToken cancellationToken)
    {
        budget.Check(archive, cancellationToken);
        var type = package.Kind.ToString().ToLowerInvariant();
        var maxCharacters = _options.MaxFileBytes * 4;
        var read = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        FileScanResult result;
        using (var text = new ExtractedTextBuilder(budget))
        {
            using var stream = new MemoryStream(bytes, writable: false);
            switch (package.Kind)
            {
                case FileKind.Docx:
                    OfficeTextExtractor.Docx(stream, maxCharacters, text, read, cancellationToken);
                    break;
                case FileKind.Xlsx:
                    OfficeTextExtractor.Xlsx(stream, maxCharacters, text, read, budget, cancellationToken);
                    break;
                default:
                    OfficeTextExtractor.Pptx(stream, maxCharacters, text, read, cancellationToken);
                    break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            result = Scanned(source, sha, md5, bytes.Length, type, text.Build(), budget, text.Truncated, cancellationToken);
        }

        var members = new List<FileScanResult>();
        var findings = new FindingList(_options.MaxFindingsPerFile);
        findings.AddMember(result);
        foreach (var entry in archive.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = entry.FullName;
            if (name.EndsWith('/') || read.Contains(name) || OfficeParts.IsContentTypesPart(name))
            {
                continue;
            }

            // Images and format parts (relationships, styles, themes, fonts) are left unread only when their bytes are
            // what they claim: XML format parts are text and are read; a part named or typed as one to hide text is read.
            var contentType = package.ContentTypes.TypeOf(name);
            var opaque = OfficeParts.IsFormatPart(name, contentType)
                || (contentType is not null && contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase));
            var member = ScanMember(entry, source + "!" + name, depth, budget, skip: opaque ? OfficeParts.IsOpaqueData : null, cancellationToken);
            if (member is not null && (member.FindingCount > 0 || !member.IsComplete))
            {
                findings.AddMember(member);
                members.Add(member.CountedOnly());
            }
        }

        return result with { Findings = findings.Listed, FindingsNotListed = findings.NotListed(), Members = members };
    }

    /// <summary>Inflates and scans one archive entry; null when <paramref name="skip"/> says its bytes need no scan (an image in a package).</summary>
    private FileScanResult? ScanMember(ZipArchiveEntry entry, string memberSource, int depth, ArchiveBudget budget, Func<byte[], string, bool>? skip, CancellationToken cancellationToken)
    {
        if (entry.IsEncrypted)
        {
            return Result(memberSource, string.Empty, string.Empty, entry.Length, TypeFromName(entry.Name), FileScanStatus.Encrypted, "archive entry is encrypted (not scanned)");
        }

        byte[] content;
        try
        {
            content = budget.Inflate(entry, keep: true, cancellationToken)!;
        }
        catch (ScanBudgetExceededException overBudget)
        {
            return Result(memberSource, string.Empty, string.Empty, entry.Length, TypeFromName(entry.Name), FileScanStatus.TooLarge, overBudget.Message);
        }

        // Inflate left the entry's bytes held.
        try
        {
            return skip is not null && skip(content, entry.Name) ? null : ScanBytes(content, memberSource, null, null, depth + 1, budget, cancellationToken);
        }
        finally
        {
            budget.Release(content.Length);
        }
    }

    private FileScanResult Scanned(string source, string sha, string md5, long size, string type, ExtractedText text, ArchiveBudget budget, string? omitted, CancellationToken cancellationToken)
    {
        budget.Texts?.Add((text, source));
        var findings = new FindingList(_options.MaxFindingsPerFile);
        TextFindingBuilder.AddFindings(text, source, _fingerprinter, [], findings, cancellationToken);
        return new FileScanResult
        {
            Source = source,
            Sha256 = sha,
            Md5 = md5,
            Size = size,
            Type = type,
            Status = omitted is null ? FileScanStatus.Scanned : FileScanStatus.Partial,
            Reason = omitted,
            Findings = findings.Listed,
            FindingsNotListed = findings.NotListed(),
        };
    }

    private static FileScanResult Result(string source, string sha, string md5, long size, string type, FileScanStatus status, string reason) => new()
    {
        Source = source,
        Sha256 = sha,
        Md5 = md5,
        Size = size,
        Type = type,
        Status = status,
        Reason = reason,
    };

    private static string TypeFromName(string source)
    {
        var name = source;
        var bang = name.LastIndexOf('!');
        if (bang >= 0)
        {
            name = name[(bang + 1)..];
        }

        var extension = Path.GetExtension(name).TrimStart('.').ToLowerInvariant();
        return extension.Length is > 0 and <= 8 ? extension : "binary";
    }
}
