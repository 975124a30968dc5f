using System.Buffers;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Finds sensitive values in text in one forward pass. The pass jumps (vectorized) to the next candidate: an ASCII digit or
/// <c>A</c>, <c>eyJ</c> or <c>gh</c> (the letter starts of credentials), <c>@</c>, <c>-</c> (PEM blocks), an assignment
/// (<c>=</c> or <c>:</c>, for key=value secrets and password fields) or 密/内 (classification marks). A candidate inside a
/// run of ASCII letters and digits reads the whole run as one token (which enforces the rule that a value touching another
/// ASCII letter or digit is no match). Matches are offsets; values are copied only when a finding is built from them.
/// </summary>
internal static class SensitiveTextScanner
{
    private static readonly SearchValues<char> Triggers = SearchValues.Create("0123456789A@-=:");

    private static readonly SearchValues<char> AsciiAlphanumeric = SearchValues.Create(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    private static readonly SearchValues<char> EmailLocal = SearchValues.Create(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._%+-");

    private static readonly SearchValues<char> EmailDomain = SearchValues.Create(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-");

    private static readonly SearchValues<char> Base64Url = SearchValues.Create(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-");

    private static readonly SearchValues<char> SecretValue = SearchValues.Create(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-+/=.~");

    private static readonly SearchValues<char> IdentifierChars = SearchValues.Create(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-.");

    private static readonly SearchValues<string> SecretKeyNames = SearchValues.Create(
        ["secret", "token", "apikey", "api_key", "api-key", "accesskey", "access_key", "access-key", "auth", "credential", "creds", "private_key", "privatekey", "key"],
        StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> PasswordKeyNames = SearchValues.Create(
        ["password", "passwd", "pwd", "passphrase"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Characters the pass covers between two checks of the cancellation token.</summary>
    public const int WindowCharacters = 1024 * 1024;

    /// <summary>
    /// Appends the matches in <paramref name="text"/> to <paramref name="matches"/>, in text order per trigger. Full-width
    /// forms (１２３, ＡＢＣ, ＠) are folded to ASCII first, one character for one, so offsets are the original text's.
    /// </summary>
    public static void Scan(ReadOnlySpan<char> text, List<SensitiveMatch> matches) => Scan(text, matches, WindowCharacters, CancellationToken.None);

    /// <summary>
    /// The same matches, found window after window of <paramref name="windowCharacters"/> with the token checked between
    /// windows, so a scan past its time limit stops within one window of detection.
    /// </summary>
    public static void Scan(ReadOnlySpan<char> text, List<SensitiveMatch> matches, int windowCharacters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matches);
        if (!TextFolding.NeedsFolding(text))
        {
            ScanFoldedInWindows(text, windowCharacters, matches, cancellationToken);
            return;
        }

        var folded = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            TextFolding.Fold(text, folded);
            ScanFoldedInWindows(folded.AsSpan(0, text.Length), windowCharacters, matches, cancellationToken);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(folded);
        }
    }

    /// <summary>
    /// One pass over the whole of folded <paramref name="text"/>, continued window after window where it stopped, as the
    /// streamed scan continues it (<see cref="StreamedTextScanner"/>); here every window sees the whole text around it.
    /// </summary>
    private static void ScanFoldedInWindows(ReadOnlySpan<char> text, int windowCharacters, List<SensitiveMatch> matches, CancellationToken cancellationToken)
    {
        // A window must outlast the run a stopped pass backs up to, or the pass would not move on.
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(windowCharacters, MaxResumedRun);
        var position = 0;
        var stopAt = 0;
        while (stopAt < text.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stopAt = (int)Math.Min((long)position + windowCharacters, text.Length);
            position = ScanFolded(text, position, stopAt, matches);
        }
    }

    /// <summary>
    /// Runs the pass over already folded <paramref name="text"/> from <paramref name="from"/> until it reaches
    /// <paramref name="stopAt"/>, and returns where it stopped: past <paramref name="stopAt"/> when a value that starts
    /// before it was read to its end, or before it at the start of a letter-and-digit run that crosses it. A streamed scan calls it window by window and continues at the returned position,
    /// which gives the matches of one pass over the whole text as long as each window holds enough context around it.
    /// </summary>
    internal static int ScanFolded(ReadOnlySpan<char> text, int from, int stopAt, List<SensitiveMatch> matches)
    {
        // Candidates: ASCII digits, 'A' (AWS keys), @, - and assignments (one vectorized search), and the rarer starts
        // searched on their own and remembered until the pass passes them: eyJ (JWT), gh (GitHub tokens), 密/内 (marks).
        // Every other ASCII letter run is skipped unread: without a digit it can be none of the values (a value needs
        // digits unless it starts with A, eyJ or gh), and the pass reads it from its start once a digit in it is found.
        var i = from;
        int mark = -1, jwt = -1, github = -1;
        while (i < stopAt)
        {
            var rest = text[i..stopAt];
            if (mark < i)
            {
                mark = At(i, stopAt, rest.IndexOfAny('密', '内'));
            }

            if (jwt < i)
            {
                jwt = At(i, stopAt, rest.IndexOf("eyJ", StringComparison.Ordinal));
            }

            if (github < i)
            {
                github = At(i, stopAt, rest.IndexOf("gh", StringComparison.Ordinal));
            }

            var limit = Math.Min(mark, Math.Min(jwt, github));
            var next = text[i..limit].IndexOfAny(Triggers);
            var at = next >= 0 ? i + next : limit;
            if (at >= stopAt)
            {
                // A token that runs across the stop is read from its start when the pass resumes, as one pass reads it
                // (up to a length no value has: a window carries at most that much of a run).
                var resume = stopAt;
                while (resume > i && stopAt - resume < MaxResumedRun && char.IsAsciiLetterOrDigit(text[resume - 1]))
                {
                    resume--;
                }

                return resume;
            }

            var c = text[at];
            if (char.IsAsciiLetterOrDigit(c))
            {
                // The token this candidate is in, from its start (or from where the pass resumed, as a full pass reads it).
                var start = at;
                while (start > i && char.IsAsciiLetterOrDigit(text[start - 1]))
                {
                    start--;
                }

                i = OnToken(text, start, matches);
                continue;
            }

            i = c switch
            {
                '@' => OnAt(text, at, matches),
                '-' => OnDash(text, at, matches),
                '密' or '内' => OnMark(text, at, matches),
                _ => OnAssignment(text, at, matches),
            };
        }

        return i;
    }

    private const int MaxResumedRun = 4096;

    private static int At(int offset, int none, int index) => index < 0 ? none : offset + index;

    private static int TokenEnd(ReadOnlySpan<char> text, int start)
    {
        var length = text[start..].IndexOfAnyExcept(AsciiAlphanumeric);
        return length < 0 ? text.Length : start + length;
    }

    private static bool IsAlnumAt(ReadOnlySpan<char> text, int index) =>
        (uint)index < (uint)text.Length && char.IsAsciiLetterOrDigit(text[index]);

    private static int OnToken(ReadOnlySpan<char> text, int start, List<SensitiveMatch> matches)
    {
        var end = TokenEnd(text, start);
        var token = text[start..end];
        var first = token[0];
        if (char.IsAsciiDigit(first) && token.IndexOfAnyExcept(Digits) < 0)
        {
            return OnDigits(text, start, end, matches);
        }

        switch (token.Length)
        {
            case 18:
                if (Checksums.IsResidentId(token))
                {
                    Emit(text, matches, DetectorIds.ResidentId, start, end, FindingConfidence.Medium);
                }
                else if (Checksums.IsUscc(token))
                {
                    Emit(text, matches, DetectorIds.Uscc, start, end, FindingConfidence.Medium);
                }

                return end;
            case 9 or 11:
                if (IsPassport(token))
                {
                    Emit(text, matches, DetectorIds.Passport, start, end, FindingConfidence.Low);
                }
                else if (IsHkMacauPermit(token))
                {
                    Emit(text, matches, DetectorIds.HkMacauPermit, start, end, FindingConfidence.Low);
                }

                return end;
            case 20 when IsAwsKeyId(token):
                Emit(text, matches, DetectorIds.Credential, start, end, FindingConfidence.High);
                return end;
            case >= 16 and <= 24 when token.StartsWith("LTAI", StringComparison.Ordinal) && token.IndexOfAny(Digits) >= 0 && Checksums.Entropy(token) >= 3:
                Emit(text, matches, DetectorIds.Credential, start, end, FindingConfidence.High);
                return end;
            case 3 when first == 'g' && end < text.Length && text[end] == '_' && token[1] == 'h' && token[2] is 'p' or 'o' or 'u' or 's' or 'r':
                return OnGitHubToken(text, start, end, matches);
            case 6 when end + 5 < text.Length && token.SequenceEqual("github") && text[end..].StartsWith("_pat_", StringComparison.Ordinal):
                return OnGitHubToken(text, start, end, matches);
            default:
                if (first == 'e' && token.StartsWith("eyJ", StringComparison.Ordinal))
                {
                    return OnJwt(text, start, end, matches);
                }

                return end;
        }
    }

    private static int OnDigits(ReadOnlySpan<char> text, int start, int end, List<SensitiveMatch> matches)
    {
        var token = text[start..end];
        if ((token.Length == 2 && token[0] == '8' && token[1] == '6') || token.SequenceEqual("0086"))
        {
            var prefixed = OnCountryCode(text, start, end, matches);
            if (prefixed > end)
            {
                return prefixed;
            }
        }

        if (token.Length <= 10 && TryGrouped(text, start, end, matches, out var groupedEnd))
        {
            return groupedEnd;
        }

        switch (token.Length)
        {
            case 11 when Checksums.IsMobile(token):
                Emit(text, matches, DetectorIds.Mobile, start, end, FindingConfidence.Low);
                return end;
            case 13 when token[0] == '8' && token[1] == '6' && Checksums.IsMobile(token[2..]):
                Emit(text, matches, DetectorIds.Mobile, start > 0 && text[start - 1] == '+' ? start - 1 : start, end, FindingConfidence.Medium);
                return end;
            case 15 when token.StartsWith("0086", StringComparison.Ordinal) && Checksums.IsMobile(token[4..]):
                Emit(text, matches, DetectorIds.Mobile, start, end, FindingConfidence.Medium);
                return end;
            case 18 when Checksums.IsResidentId(token):
                Emit(text, matches, DetectorIds.ResidentId, start, end, FindingConfidence.Medium);
                return end;
            case 18 when !IsNotUsccDigits(token) && Checksums.IsUscc(token):
                Emit(text, matches, DetectorIds.Uscc, start, end, FindingConfidence.Medium);
                return end;
            case >= 13 and <= 19 when Checksums.IsBankCard(token):
                Emit(text, matches, DetectorIds.BankCard, start, end, FindingConfidence.Medium);
                return end;
            case 15 when Checksums.IsResidentId15(token):
                // No check digit: a region and a date are all that hold, so the pattern alone is low confidence.
                Emit(text, matches, DetectorIds.ResidentId, start, end, FindingConfidence.Low);
                return end;
            default:
                return end;
        }
    }

    /// <summary>
    /// A mobile after +86, 86 or 0086, with or without brackets (<c>(+86) 138…</c>, <c>+86-138-…</c>): the match covers
    /// the prefix. Returns <paramref name="end"/> when no mobile follows.
    /// </summary>
    private static int OnCountryCode(ReadOnlySpan<char> text, int start, int end, List<SensitiveMatch> matches)
    {
        var from = start;
        if (end - start == 2 && start > 0 && text[start - 1] == '+')
        {
            from--;
        }

        var position = end;
        var bracketed = position < text.Length && text[position] == ')' && from > 0 && text[from - 1] == '(';
        if (bracketed)
        {
            from--;
            position++;
        }

        if (position < text.Length && text[position] is ' ' or '-' or '.')
        {
            position++;
        }

        if (position < text.Length && char.IsAsciiDigit(text[position]) && TryMobileAt(text, position, out var mobileEnd))
        {
            Emit(text, matches, DetectorIds.Mobile, from, mobileEnd, FindingConfidence.Medium);
            return mobileEnd;
        }

        return end;
    }

    /// <summary>
    /// A value written in groups with one separator (<c>110101 19900307 1234</c>, <c>6222-0212-3456-7890</c>,
    /// <c>91 110000 600037341L</c>, <c>138.1234.5678</c>): the longest run of groups that validates as one value.
    /// </summary>
    private static bool TryGrouped(ReadOnlySpan<char> text, int start, int firstEnd, List<SensitiveMatch> matches, out int end)
    {
        end = firstEnd;
        if (firstEnd + 1 >= text.Length || text[firstEnd] is not (' ' or '-' or '.') || !char.IsAsciiLetterOrDigit(text[firstEnd + 1]))
        {
            return false;
        }

        var separator = text[firstEnd];
        Span<char> value = stackalloc char[19];
        Span<int> groupEnds = stackalloc int[8];
        Span<int> lengths = stackalloc int[8];
        var groups = 0;
        var count = 0;
        var position = start;
        while (groups < 8)
        {
            var groupEnd = TokenEnd(text, position);
            var length = groupEnd - position;
            if (length is < 2 or > 10 || count + length > 19)
            {
                break;
            }

            text[position..groupEnd].CopyTo(value[count..]);
            count += length;
            groupEnds[groups] = groupEnd;
            lengths[groups] = count;
            groups++;
            if (groupEnd + 1 >= text.Length || text[groupEnd] != separator || !char.IsAsciiLetterOrDigit(text[groupEnd + 1]))
            {
                break;
            }

            position = groupEnd + 1;
        }

        for (var k = groups; k >= 2; k--)
        {
            var candidate = value[..lengths[k - 1]];
            if (Classify(candidate, separator) is { } found)
            {
                end = groupEnds[k - 1];
                Emit(text, matches, found.Detector, start, end, found.Confidence);
                return true;
            }
        }

        return false;
    }

    private static (string Detector, FindingConfidence Confidence)? Classify(ReadOnlySpan<char> value, char separator)
    {
        var digits = value.IndexOfAnyExcept(Digits) < 0;
        if (separator == '.')
        {
            // Dots group mobiles (138.1234.5678); dotted digits are otherwise versions, amounts and addresses.
            return digits && Checksums.IsMobile(value) ? (DetectorIds.Mobile, FindingConfidence.Low) : null;
        }

        if (!digits)
        {
            if (value.Length == 18 && value[..17].IndexOfAnyExcept(Digits) < 0 && Checksums.IsResidentId(value))
            {
                return (DetectorIds.ResidentId, FindingConfidence.Medium);
            }

            return value.Length == 18 && Checksums.IsUscc(value) ? (DetectorIds.Uscc, FindingConfidence.Medium) : null;
        }

        return value.Length switch
        {
            18 when Checksums.IsResidentId(value) => (DetectorIds.ResidentId, FindingConfidence.Medium),
            18 when !IsNotUsccDigits(value) && Checksums.IsUscc(value) => (DetectorIds.Uscc, FindingConfidence.Medium),
            11 when Checksums.IsMobile(value) => (DetectorIds.Mobile, FindingConfidence.Low),
            13 when value[0] == '8' && value[1] == '6' && Checksums.IsMobile(value[2..]) => (DetectorIds.Mobile, FindingConfidence.Medium),
            15 when value.StartsWith("0086", StringComparison.Ordinal) && Checksums.IsMobile(value[4..]) => (DetectorIds.Mobile, FindingConfidence.Medium),
            >= 13 and <= 19 when Checksums.IsBankCard(value) => (DetectorIds.BankCard, FindingConfidence.Medium),
            15 when Checksums.IsResidentId15(value) => (DetectorIds.ResidentId, FindingConfidence.Low),
            _ => null,
        };
    }

    /// <summary>
    /// A province prefix and a 19xx/20xx year where an ID's birth date sits: an ID number that failed its check, which
    /// must not come back as a USCC (all-digit codes pass the mod-31 check one time in 31); likewise an 18-digit run with
    /// UnionPay's 62 is a card that failed Luhn, not a USCC.
    /// </summary>
    private static bool IsNotUsccDigits(ReadOnlySpan<char> digits) =>
        (Checksums.IsProvince(digits[0], digits[1]) && digits[6] is '1' or '2' && digits[7] is '9' or '0')
        || (digits[0] == '6' && digits[1] == '2');

    /// <summary>An 11-digit mobile or its 3-4-4 grouped form starting at <paramref name="start"/>.</summary>
    private static bool TryMobileAt(ReadOnlySpan<char> text, int start, out int end)
    {
        end = TokenEnd(text, start);
        if (end - start == 11 && Checksums.IsMobile(text[start..end]))
        {
            return true;
        }

        return end - start == 3 && TryGroupedMobile(text, start, out end);
    }

    private static bool TryGroupedMobile(ReadOnlySpan<char> text, int start, out int end)
    {
        end = start;
        if (start + 13 > text.Length)
        {
            return false;
        }

        var separator = text[start + 3];
        if (separator is not (' ' or '-' or '.') || text[start + 8] != separator || IsAlnumAt(text, start + 13))
        {
            return false;
        }

        Span<char> digits = stackalloc char[11];
        text.Slice(start, 3).CopyTo(digits);
        text.Slice(start + 4, 4).CopyTo(digits[3..]);
        text.Slice(start + 9, 4).CopyTo(digits[7..]);
        if (digits.IndexOfAnyExcept(Digits) >= 0 || !Checksums.IsMobile(digits))
        {
            return false;
        }

        end = start + 13;
        return true;
    }

    private static bool IsPassport(ReadOnlySpan<char> token)
    {
        if (token.Length != 9)
        {
            return false;
        }

        var first = token[0];
        if (first is 'E' or 'G' && AllDigits(token[1..]))
        {
            return true;
        }

        if (first == 'E' && IsSerialLetter(token[1]) && AllDigits(token[2..]))
        {
            return true;
        }

        return first is 'P' or 'S' or 'D' && token[1] == 'E' && AllDigits(token[2..]);
    }

    private static bool IsHkMacauPermit(ReadOnlySpan<char> token)
    {
        var first = token[0];
        if (token.Length == 9)
        {
            return (first == 'C' && (AllDigits(token[1..]) || (IsSerialLetter(token[1]) && AllDigits(token[2..]))))
                || (first is 'H' or 'M' && AllDigits(token[1..]));
        }

        return token.Length == 11 && first is 'H' or 'M' && AllDigits(token[1..]);
    }

    private static bool IsSerialLetter(char c) => char.IsAsciiLetterUpper(c) && c is not ('I' or 'O');

    private static bool AllDigits(ReadOnlySpan<char> value) => value.IndexOfAnyExcept(Digits) < 0;

    private static bool IsAwsKeyId(ReadOnlySpan<char> token)
    {
        if (!(token.StartsWith("AKIA", StringComparison.Ordinal) || token.StartsWith("ASIA", StringComparison.Ordinal)
            || token.StartsWith("ABIA", StringComparison.Ordinal) || token.StartsWith("ACCA", StringComparison.Ordinal)))
        {
            return false;
        }

        foreach (var c in token[4..])
        {
            if (!(char.IsAsciiLetterUpper(c) || c is >= '2' and <= '7'))
            {
                return false;
            }
        }

        // AWS's documentation keys (AKIAIOSFODNN7EXAMPLE, AKIAI44QH8DHBEXAMPLE, …) all end in EXAMPLE.
        return !token.EndsWith("EXAMPLE", StringComparison.Ordinal) && Checksums.Entropy(token) >= 3;
    }

    private static int OnGitHubToken(ReadOnlySpan<char> text, int start, int prefixEnd, List<SensitiveMatch> matches)
    {
        var classic = prefixEnd - start == 3;
        var bodyStart = classic ? prefixEnd + 1 : prefixEnd + 5;
        var bodyLength = text[bodyStart..].IndexOfAnyExcept(classic ? AsciiAlphanumeric : IdentifierCharsNoDot);
        var bodyEnd = bodyLength < 0 ? text.Length : bodyStart + bodyLength;
        var body = text[bodyStart..bodyEnd];
        var expected = classic ? 36 : 82;
        if (body.Length != expected || IsAlnumAt(text, bodyEnd) || (!classic && body[22] != '_') || SecretFiller.IsFiller(body))
        {
            return prefixEnd;
        }

        // Classic tokens carry a CRC32 of their random part: a token whose checksum fails is kept, at low confidence.
        var confidence = !classic || Checksums.IsGitHubTokenChecksum(body) ? FindingConfidence.High : FindingConfidence.Low;
        matches.Add(new SensitiveMatch(DetectorIds.Credential, start, bodyEnd - start, confidence));
        return bodyEnd;
    }

    private static readonly SearchValues<char> IdentifierCharsNoDot = SearchValues.Create(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_");

    /// <summary>
    /// A JWT: three base64url parts, the header a JSON object with an <c>alg</c>, the payload a JSON object; an unsigned
    /// (<c>alg: none</c>) token ends with the dot. Four or more dotted parts are not a JWT.
    /// </summary>
    private static int OnJwt(ReadOnlySpan<char> text, int start, int tokenEnd, List<SensitiveMatch> matches)
    {
        var headerEnd = Base64UrlEnd(text, start);
        if (headerEnd - start < 10 || headerEnd >= text.Length || text[headerEnd] != '.')
        {
            return tokenEnd;
        }

        var payloadEnd = Base64UrlEnd(text, headerEnd + 1);
        if (payloadEnd - headerEnd - 1 < 2 || payloadEnd >= text.Length || text[payloadEnd] != '.')
        {
            return tokenEnd;
        }

        var signatureEnd = Base64UrlEnd(text, payloadEnd + 1);
        if (signatureEnd + 1 < text.Length && text[signatureEnd] == '.' && Base64Url.Contains(text[signatureEnd + 1]))
        {
            return tokenEnd;
        }

        var algorithm = JwtParts.HeaderAlgorithm(text[start..headerEnd]);
        if (algorithm is null || !JwtParts.IsJsonObject(text[(headerEnd + 1)..payloadEnd]))
        {
            return tokenEnd;
        }

        var unsigned = signatureEnd == payloadEnd + 1;
        if (unsigned != algorithm.Equals("none", StringComparison.OrdinalIgnoreCase) || (!unsigned && signatureEnd - payloadEnd - 1 < 10))
        {
            return tokenEnd;
        }

        var end = unsigned ? payloadEnd + 1 : signatureEnd;
        Emit(text, matches, DetectorIds.Credential, start, end, unsigned ? FindingConfidence.Medium : FindingConfidence.High);
        return end;
    }

    private static int Base64UrlEnd(ReadOnlySpan<char> text, int start)
    {
        var length = text[start..].IndexOfAnyExcept(Base64Url);
        return length < 0 ? text.Length : start + length;
    }

    private static int OnAt(ReadOnlySpan<char> text, int at, List<SensitiveMatch> matches)
    {
        var localStart = at;
        while (localStart > 0 && at - localStart < 64 && EmailLocal.Contains(text[localStart - 1]))
        {
            localStart--;
        }

        while (localStart < at && text[localStart] is '.' or '-' or '+' or '%')
        {
            localStart++;
        }

        if (localStart == at || text[at - 1] == '.')
        {
            return at + 1;
        }

        var domainEnd = EmailAddress.DomainEnd(text, at + 1);
        if (domainEnd < 0)
        {
            return at + 1;
        }

        Emit(text, matches, DetectorIds.Email, localStart, domainEnd, FindingConfidence.Medium);
        return domainEnd;
    }

    private static int OnDash(ReadOnlySpan<char> text, int i, List<SensitiveMatch> matches)
    {
        const string Begin = "-----BEGIN ";
        if (!text[i..].StartsWith(Begin, StringComparison.Ordinal))
        {
            return i + 1;
        }

        var headerLength = text[(i + Begin.Length)..].IndexOf("-----", StringComparison.Ordinal);
        if (headerLength is < 0 or > 100)
        {
            return i + 1;
        }

        var label = text.Slice(i + Begin.Length, headerLength);
        if (!label.EndsWith("PRIVATE KEY", StringComparison.Ordinal) && !label.EndsWith("PRIVATE KEY BLOCK", StringComparison.Ordinal))
        {
            return i + 1;
        }

        var bodyStart = i + Begin.Length + headerLength + 5;
        var searchEnd = Math.Min(text.Length, bodyStart + 16_384);
        var endMarker = text[bodyStart..searchEnd].IndexOf("-----END ", StringComparison.Ordinal);
        var end = bodyStart;
        if (endMarker >= 0)
        {
            var afterEnd = bodyStart + endMarker + 9;
            var closing = text[afterEnd..Math.Min(text.Length, afterEnd + 110)].IndexOf("-----", StringComparison.Ordinal);
            end = closing < 0 ? afterEnd : afterEnd + closing + 5;
        }

        Emit(text, matches, DetectorIds.Credential, i, end, FindingConfidence.High);
        return end;
    }

    private static int OnMark(ReadOnlySpan<char> text, int i, List<SensitiveMatch> matches)
    {
        if (text[i] == '内')
        {
            if (text[i..].StartsWith("内部资料", StringComparison.Ordinal))
            {
                Emit(text, matches, DetectorIds.ClassificationMark, i, i + 4, FindingConfidence.Medium);
                return i + 4;
            }

            return i + 1;
        }

        if (i >= 3 && text[(i - 3)..].StartsWith("商业秘密", StringComparison.Ordinal))
        {
            Emit(text, matches, DetectorIds.ClassificationMark, i - 3, i + 1, FindingConfidence.Medium);
            return i + 1;
        }

        if (i == 0 || text[i - 1] is not ('绝' or '机' or '秘'))
        {
            return i + 1;
        }

        var star = i + 1;
        while (star < text.Length && star - i < 3 && text[star] == ' ')
        {
            star++;
        }

        if (star >= text.Length || text[star] != '★')
        {
            return i + 1;
        }

        // The secrecy period that may follow the star: "机密★10年", "秘密★长期".
        var end = star + 1;
        while (end < text.Length && end - star < 4 && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        if (end < text.Length && text[end] is '年' or '月')
        {
            end++;
        }
        else if (end == star + 1 && text[end..].StartsWith("长期", StringComparison.Ordinal))
        {
            end += 2;
        }
        else if (end > star + 1)
        {
            end = star + 1;
        }

        Emit(text, matches, DetectorIds.ClassificationMark, i - 1, end, FindingConfidence.High);
        return end;
    }

    private static int OnAssignment(ReadOnlySpan<char> text, int i, List<SensitiveMatch> matches)
    {
        // Key: skip a closing quote and spaces, then read the identifier backwards (or the Chinese 密码 / 口令).
        var keyEnd = i;
        while (keyEnd > 0 && i - keyEnd < 3 && text[keyEnd - 1] is ' ' or '"' or '\'')
        {
            keyEnd--;
        }

        var keyStart = keyEnd;
        while (keyStart > 0 && keyEnd - keyStart < 40 && IdentifierChars.Contains(text[keyStart - 1]))
        {
            keyStart--;
        }

        bool isPassword;
        bool isSecret = false;
        var strongKey = false;
        var webhook = false;
        if (keyStart == keyEnd)
        {
            isPassword = keyEnd >= 2 && (text[(keyEnd - 2)..keyEnd] is "密码" or "口令");
            if (!isPassword)
            {
                return i + 1;
            }
        }
        else
        {
            var key = text[keyStart..keyEnd];
            isPassword = key.ContainsAny(PasswordKeyNames);
            if (!isPassword)
            {
                webhook = text[i] == '=' && key.SequenceEqual("key") && text[..keyStart].EndsWith("webhook/send?", StringComparison.Ordinal);
                strongKey = key.ContainsAny(StrongSecretKeyNames);
                isSecret = webhook || (key.ContainsAny(SecretKeyNames) && !IsDescriptiveKey(key));
            }
        }

        if (!isPassword && !isSecret)
        {
            return i + 1;
        }

        var valueStart = i + 1;
        while (valueStart < text.Length && valueStart - i < 4 && text[valueStart] is ' ' or '"' or '\'' or '\t')
        {
            valueStart++;
        }

        if (isPassword)
        {
            var valueEnd = valueStart;
            while (valueEnd < text.Length && valueEnd - valueStart < 128 && IsPasswordChar(text[valueEnd]))
            {
                valueEnd++;
            }

            var value = text[valueStart..valueEnd];
            if (value.Length < 6 || value.Length >= 128 || IsPlaceholder(value) || SecretFiller.IsFiller(value))
            {
                return i + 1;
            }

            Emit(text, matches, DetectorIds.PasswordField, valueStart, valueEnd, FindingConfidence.Medium);
            return valueEnd;
        }

        var secretLength = text[valueStart..].IndexOfAnyExcept(SecretValue);
        var secretEnd = secretLength < 0 ? text.Length : valueStart + secretLength;
        var secret = text[valueStart..secretEnd];
        if (webhook)
        {
            if (secret.Length == 36 && Guid.TryParseExact(secret, "D", out _))
            {
                Emit(text, matches, DetectorIds.Credential, valueStart, secretEnd, FindingConfidence.High);
                return secretEnd;
            }

            return i + 1;
        }

        // A structured credential (AWS, LTAI, GitHub, JWT) in the value is reported by its own rule when the scan reaches it.
        if (secret.Length is < 10 or > 150 || IsStructuredCredential(secret) || !IsSecretLike(secret, strongKey))
        {
            return i + 1;
        }

        // Both count: a secret-named key (client_secret, api_key) with a random-looking value is medium, a bare "key" or
        // "auth" needs a more random value and stays low; a keyword nearby raises either.
        Emit(text, matches, DetectorIds.Credential, valueStart, secretEnd, strongKey ? FindingConfidence.Medium : FindingConfidence.Low);
        return secretEnd;
    }

    private static readonly SearchValues<string> StrongSecretKeyNames = SearchValues.Create(
        ["secret", "token", "apikey", "api_key", "api-key", "accesskey", "access_key", "access-key", "credential", "private_key", "privatekey", "signing_key", "encryption_key"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Keys that describe a secret rather than hold one: key_length, token_type, api_key_name, keyboard, max_tokens.</summary>
    private static bool IsDescriptiveKey(ReadOnlySpan<char> key)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["length", "len", "size", "type", "name", "url", "uri", "endpoint", "path", "file", "count", "format", "header", "field", "prefix", "version", "id", "ids", "tokens", "board", "word", "words", "expires", "expiry", "ttl", "timeout", "algorithm", "alg", "mode", "index"])
        {
            if (key.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && key.Length > suffix.Length)
            {
                return true;
            }
        }

        return key.Contains("monkey", StringComparison.OrdinalIgnoreCase) || key.Contains("hotkey", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Random enough to be a secret and not something else that sits after "key =": not a UUID under a key that does not
    /// name a secret, not filler or an alphabet, not a dotted member or host name (XSalsa20.key_length, auth.example.com),
    /// not a word or identifier without digits.
    /// </summary>
    private static bool IsSecretLike(ReadOnlySpan<char> value, bool strongKey)
    {
        if (SecretFiller.IsFiller(value))
        {
            return false;
        }

        if (value.Length == 36 && Guid.TryParseExact(value, "D", out _))
        {
            return strongKey;
        }

        if (value.Contains('.') && IsDottedName(value))
        {
            return false;
        }

        if (value.IndexOfAny(Digits) < 0 && value.IndexOfAny('+', '/', '=') < 0)
        {
            return false;
        }

        var entropy = Checksums.Entropy(value);
        return strongKey ? entropy >= 3.0 : entropy >= 3.5 && value.Length >= 16;
    }

    private static bool IsDottedName(ReadOnlySpan<char> value)
    {
        var lastDot = value.LastIndexOf('.');
        var last = value[(lastDot + 1)..];
        if (last.IsEmpty || value.IndexOfAny('+', '/', '=') >= 0 || value.Contains("..", StringComparison.Ordinal) || value[0] == '.')
        {
            return false;
        }

        foreach (var c in last)
        {
            if (!(char.IsAsciiLetter(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsStructuredCredential(ReadOnlySpan<char> value) =>
        value.StartsWith("eyJ", StringComparison.Ordinal) || value.StartsWith("LTAI", StringComparison.Ordinal)
        || value.StartsWith("gh", StringComparison.Ordinal) || value.StartsWith("github_pat_", StringComparison.Ordinal)
        || (value.Length == 20 && IsAwsKeyId(value));

    private static bool IsPasswordChar(char c) =>
        c is > ' ' and < (char)127 && c is not ('"' or '\'' or ',' or ';' or '<' or '>' or '(' or ')' or '`');

    private static bool IsPlaceholder(ReadOnlySpan<char> value)
    {
        if (value.IndexOfAnyExcept(value[0]) < 0 || value[0] is '$' or '{' or '%' or '*' or '[')
        {
            return true;
        }

        return value.Equals("password", StringComparison.OrdinalIgnoreCase)
            || value.Equals("your_password", StringComparison.OrdinalIgnoreCase)
            || value.Equals("yourpassword", StringComparison.OrdinalIgnoreCase)
            || value.Equals("undefined", StringComparison.OrdinalIgnoreCase);
    }

    private static void Emit(ReadOnlySpan<char> text, List<SensitiveMatch> matches, string detector, int start, int end, FindingConfidence confidence)
    {
        var keywords = DetectorKeywords.For(detector);
        if (keywords is not null && confidence < FindingConfidence.High && DetectorKeywords.IsNear(text, start, end, keywords))
        {
            confidence++;
        }

        matches.Add(new SensitiveMatch(detector, start, end - start, confidence));
    }
}
