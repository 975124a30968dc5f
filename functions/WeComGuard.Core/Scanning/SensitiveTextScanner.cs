using System.Buffers;

namespace WeComGuard.Core.Scanning;

/// <summary>
/// Finds sensitive values in text in one forward pass. The pass jumps (vectorized) to the next character that can start
/// or anchor a match: an ASCII letter or digit (a whole ASCII alphanumeric run is one candidate, which enforces the rule
/// that a value touching another ASCII letter or digit is no match), <c>@</c>, <c>-</c> (PEM blocks), an assignment
/// (<c>= : ：</c>, for key=value secrets and password fields) or 密/内 (classification marks). Matches are offsets; values
/// are copied only when a finding is built from them.
/// </summary>
internal static class SensitiveTextScanner
{
    private static readonly SearchValues<char> Triggers = SearchValues.Create(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz@-=:：密内");

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

    /// <summary>Appends the matches in <paramref name="text"/> to <paramref name="matches"/>, in text order per trigger.</summary>
    public static void Scan(ReadOnlySpan<char> text, List<SensitiveMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var i = 0;
        while (i < text.Length)
        {
            var next = text[i..].IndexOfAny(Triggers);
            if (next < 0)
            {
                return;
            }

            i += next;
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                i = OnToken(text, i, matches);
                continue;
            }

            i = c switch
            {
                '@' => OnAt(text, i, matches),
                '-' => OnDash(text, i, matches),
                '密' or '内' => OnMark(text, i, matches),
                _ => OnAssignment(text, i, matches),
            };
        }
    }

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
        switch (token.Length)
        {
            case 2 when token[0] == '8' && token[1] == '6' && start > 0 && text[start - 1] == '+':
            case 4 when token.SequenceEqual("0086"):
                {
                    var from = token.Length == 2 ? start - 1 : start;
                    var mobileStart = end < text.Length && text[end] is ' ' or '-' ? end + 1 : end;
                    if (mobileStart < text.Length && char.IsAsciiDigit(text[mobileStart]) && TryMobileAt(text, mobileStart, out var mobileEnd))
                    {
                        Emit(text, matches, DetectorIds.Mobile, from, mobileEnd, FindingConfidence.Medium);
                        return mobileEnd;
                    }

                    return end;
                }

            case 3 when token[0] == '1':
                return TryGroupedMobile(text, start, out var groupedEnd)
                    ? EmitAndReturn(text, matches, DetectorIds.Mobile, start, groupedEnd, FindingConfidence.Low)
                    : end;
            case 4:
                return TryGroupedCard(text, start, out var cardEnd)
                    ? EmitAndReturn(text, matches, DetectorIds.BankCard, start, cardEnd, FindingConfidence.Medium)
                    : end;
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
            case 18 when !LooksLikeResidentId(token) && Checksums.IsUscc(token):
                Emit(text, matches, DetectorIds.Uscc, start, end, FindingConfidence.Medium);
                return end;
            case >= 13 and <= 19 when Checksums.IsBankCard(token):
                Emit(text, matches, DetectorIds.BankCard, start, end, FindingConfidence.Medium);
                return end;
            default:
                return end;
        }
    }

    /// <summary>
    /// A province prefix and a 19xx/20xx year where an ID's birth date sits: an ID number that failed its check, which
    /// must not come back as a USCC (all-digit codes pass the mod-31 check one time in 31).
    /// </summary>
    private static bool LooksLikeResidentId(ReadOnlySpan<char> digits) =>
        Checksums.IsProvince(digits[0], digits[1]) && digits[6] is '1' or '2' && digits[7] is '9' or '0';

    private static int EmitAndReturn(ReadOnlySpan<char> text, List<SensitiveMatch> matches, string detector, int start, int end, FindingConfidence confidence)
    {
        Emit(text, matches, detector, start, end, confidence);
        return end;
    }

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
        if (separator is not (' ' or '-') || text[start + 8] != separator || IsAlnumAt(text, start + 13))
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

    /// <summary>A card number written in groups of four (the last group may be shorter), one consistent separator.</summary>
    private static bool TryGroupedCard(ReadOnlySpan<char> text, int start, out int end)
    {
        end = start;
        if (start + 5 >= text.Length || text[start + 4] is not (' ' or '-'))
        {
            return false;
        }

        var separator = text[start + 4];
        Span<char> digits = stackalloc char[19];
        var count = 0;
        var position = start;
        while (true)
        {
            var groupEnd = TokenEnd(text, position);
            var group = text[position..groupEnd];
            if (group.Length is 0 or > 4 || group.IndexOfAnyExcept(Digits) >= 0 || count + group.Length > 19)
            {
                return false;
            }

            group.CopyTo(digits[count..]);
            count += group.Length;
            if (group.Length < 4 || groupEnd + 1 >= text.Length || text[groupEnd] != separator || !char.IsAsciiDigit(text[groupEnd + 1]) || count == 19)
            {
                end = groupEnd;
                break;
            }

            position = groupEnd + 1;
        }

        return count >= 13 && Checksums.IsBankCard(digits[..count]);
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

        return Checksums.Entropy(token) >= 3;
    }

    private static int OnGitHubToken(ReadOnlySpan<char> text, int start, int prefixEnd, List<SensitiveMatch> matches)
    {
        var classic = prefixEnd - start == 3;
        var bodyStart = classic ? prefixEnd + 1 : prefixEnd + 5;
        var bodyLength = text[bodyStart..].IndexOfAnyExcept(classic ? AsciiAlphanumeric : IdentifierCharsNoDot);
        var bodyEnd = bodyLength < 0 ? text.Length : bodyStart + bodyLength;
        var expected = classic ? 36 : 82;
        if (bodyEnd - bodyStart == expected && !IsAlnumAt(text, bodyEnd))
        {
            Emit(text, matches, DetectorIds.Credential, start, bodyEnd, FindingConfidence.High);
            return bodyEnd;
        }

        return prefixEnd;
    }

    private static readonly SearchValues<char> IdentifierCharsNoDot = SearchValues.Create(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_");

    private static int OnJwt(ReadOnlySpan<char> text, int start, int tokenEnd, List<SensitiveMatch> matches)
    {
        var position = start;
        for (var part = 0; part < 3; part++)
        {
            var length = text[position..].IndexOfAnyExcept(Base64Url);
            var partEnd = length < 0 ? text.Length : position + length;
            if (partEnd - position < 10 || (part == 1 && !text[position..].StartsWith("eyJ", StringComparison.Ordinal)))
            {
                return tokenEnd;
            }

            if (part < 2)
            {
                if (partEnd >= text.Length || text[partEnd] != '.')
                {
                    return tokenEnd;
                }

                position = partEnd + 1;
            }
            else
            {
                if (partEnd < text.Length && text[partEnd] == '.')
                {
                    return tokenEnd;
                }

                Emit(text, matches, DetectorIds.Credential, start, partEnd, FindingConfidence.High);
                return partEnd;
            }
        }

        return tokenEnd;
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

        var domainLength = text[(at + 1)..].IndexOfAnyExcept(EmailDomain);
        var domainEnd = domainLength < 0 ? text.Length : at + 1 + domainLength;
        while (domainEnd > at + 1 && text[domainEnd - 1] is '.' or '-')
        {
            domainEnd--;
        }

        if (localStart == at || text[at - 1] == '.' || domainEnd - at > 254)
        {
            return at + 1;
        }

        var domain = text[(at + 1)..domainEnd];
        var lastDot = domain.LastIndexOf('.');
        if (lastDot <= 0 || domain.Length - lastDot - 1 < 2 || domain.Contains("..", StringComparison.Ordinal))
        {
            return at + 1;
        }

        foreach (var c in domain[(lastDot + 1)..])
        {
            if (!char.IsAsciiLetter(c))
            {
                return at + 1;
            }
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
                isSecret = webhook || key.ContainsAny(SecretKeyNames);
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
            if (value.Length < 6 || value.Length >= 128 || IsPlaceholder(value))
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
        if (secret.Length is < 10 or > 150 || Checksums.Entropy(secret) < 3.5 || IsStructuredCredential(secret))
        {
            return i + 1;
        }

        Emit(text, matches, DetectorIds.Credential, valueStart, secretEnd, FindingConfidence.Medium);
        return secretEnd;
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
