namespace WeComGuard.Core.Scanning;

/// <summary>The validations behind the detectors: check digits, dates, region prefixes and card-network ranges.</summary>
internal static class Checksums
{
    private const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] ResidentIdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private static readonly int[] UsccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>18 characters: region (valid province), birth date, order, ISO 7064 MOD 11-2 check (X for 10).</summary>
    public static bool IsResidentId(ReadOnlySpan<char> value)
    {
        if (value.Length != 18)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var digit = value[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            sum += digit * ResidentIdWeights[i];
        }

        var expected = "10X98765432"[sum % 11];
        var check = char.ToUpperInvariant(value[17]);
        if (check != expected || !IsBirthDate(value.Slice(6, 8)))
        {
            return false;
        }

        // The 2023 foreign permanent resident ID card: 9, the issuing province, a 3-digit nationality code, then birth date,
        // order and the same MOD 11-2 check as the citizen's ID.
        return value[0] == '9' ? IsProvince(value[1], value[2]) : IsProvince(value[0], value[1]);
    }

    /// <summary>GB 11643-1989 first-generation ID, 15 digits: region (valid province), YYMMDD birth date (19YY), order; no check digit.</summary>
    public static bool IsResidentId15(ReadOnlySpan<char> value)
    {
        if (value.Length != 15 || value.IndexOfAnyExceptInRange('0', '9') >= 0 || !IsProvince(value[0], value[1]))
        {
            return false;
        }

        var month = Number(value.Slice(8, 2));
        var day = Number(value.Slice(10, 2));
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(1900 + Number(value.Slice(6, 2)), month);
    }

    /// <summary>The 18-digit form of a 15-digit ID (19 inserted before the year, the MOD 11-2 check appended): one subject, one canonical value.</summary>
    public static string UpgradeResidentId15(ReadOnlySpan<char> value)
    {
        Span<char> upgraded = stackalloc char[18];
        value[..6].CopyTo(upgraded);
        upgraded[6] = '1';
        upgraded[7] = '9';
        value[6..].CopyTo(upgraded[8..]);
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (upgraded[i] - '0') * ResidentIdWeights[i];
        }

        upgraded[17] = "10X98765432"[sum % 11];
        return upgraded.ToString();
    }

    /// <summary>The first two digits of a GB/T 2260 region code: mainland provinces plus 71 (Taiwan), 81/82 (Hong Kong, Macao residence permits), 83 (Taiwan residence permits).</summary>
    public static bool IsProvince(char first, char second)
    {
        var code = ((first - '0') * 10) + (second - '0');
        return code switch
        {
            >= 11 and <= 15 => true,
            >= 21 and <= 23 => true,
            >= 31 and <= 37 => true,
            >= 41 and <= 46 => true,
            >= 50 and <= 54 => true,
            >= 61 and <= 65 => true,
            71 or 81 or 82 or 83 => true,
            _ => false,
        };
    }

    public static bool IsBirthDate(ReadOnlySpan<char> yyyymmdd)
    {
        var year = Number(yyyymmdd[..4]);
        var month = Number(yyyymmdd.Slice(4, 2));
        var day = Number(yyyymmdd.Slice(6, 2));
        return year is >= 1800 and <= 2099 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    /// <summary>Mainland mobile prefixes (libphonenumber CN mobile metadata).</summary>
    public static bool IsMobile(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 11 || digits[0] != '1')
        {
            return false;
        }

        var second = digits[1];
        var third = digits[2];
        return second switch
        {
            '3' or '8' => true,
            '4' => third is '5' or '7',
            '5' or '9' => third != '4',
            '6' => third is '2' or '5' or '6' or '7' || (third == '1' && digits[3] == '0'),
            '7' => third is (>= '0' and <= '3') or (>= '5' and <= '8') || (third == '4' && digits[3] == '0' && digits[4] <= '5'),
            _ => false,
        };
    }

    public static bool IsLuhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var digit = digits[i] - '0';
            if (doubleIt)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>A card network's issuer prefix with one of that network's lengths.</summary>
    public static bool IsCardNetwork(ReadOnlySpan<char> digits)
    {
        var length = digits.Length;
        var two = ((digits[0] - '0') * 10) + (digits[1] - '0');
        var four = (two * 100) + ((digits[2] - '0') * 10) + (digits[3] - '0');
        // Visa 4 (13, 16, 19); Mastercard 51-55 and 2221-2720 (16); American Express 34/37 (15); JCB 3528-3589 (16-19);
        // Diners Club 30/36/38/39 (14-16); UnionPay 62 and 81 (16-19); Discover 6011/644-649/65 (16-19).
        return digits[0] switch
        {
            '4' => length is 13 or 16 or 19,
            '5' => two is >= 51 and <= 55 && length == 16,
            '2' => four is >= 2221 and <= 2720 && length == 16,
            '3' => (two is 34 or 37 && length == 15)
                || (four is >= 3528 and <= 3589 && length is >= 16 and <= 19)
                || (two is 30 or 36 or 38 or 39 && length is >= 14 and <= 16),
            '6' => (two is 62 or 65 && length is >= 16 and <= 19) || ((four == 6011 || four is >= 6440 and <= 6499) && length is >= 16 and <= 19),
            '8' => two == 81 && length is >= 16 and <= 19,
            _ => false,
        };
    }

    /// <summary>
    /// A network's prefix and length with Luhn. An 18-digit number laid out like a resident ID (region and birth date) is
    /// an ID that failed its check, not a card: one such number in ten passes Luhn.
    /// </summary>
    public static bool IsBankCard(ReadOnlySpan<char> digits) =>
        digits.Length is >= 13 and <= 19 && IsCardNetwork(digits) && IsLuhn(digits) && !(digits.Length == 18 && HasResidentIdLayout(digits));

    /// <summary>A region and a birth year (18xx-20xx) where an 18-digit resident ID (citizen's or foreigner's) has them.</summary>
    public static bool HasResidentIdLayout(ReadOnlySpan<char> digits) =>
        (IsProvince(digits[0], digits[1]) || (digits[0] == '9' && IsProvince(digits[1], digits[2])))
        && ((digits[6] == '1' && digits[7] is '8' or '9') || (digits[6] == '2' && digits[7] == '0'));

    /// <summary>GB 32100-2015: registration authority and organisation type, a region code with a valid province, and the mod-31 check character.</summary>
    public static bool IsUscc(ReadOnlySpan<char> value)
    {
        if (value.Length != 18)
        {
            return false;
        }

        var authority = char.ToUpperInvariant(value[0]);
        var kind = value[1];
        var validHead = authority switch
        {
            '1' or '5' => kind is '1' or '2' or '3' or '9',
            '9' => kind is '1' or '2' or '3',
            '2' or '3' or '4' or '6' or '7' or '8' or 'A' or 'N' => kind is '1' or '2' or '3' or '9',
            'Y' => kind == '1',
            _ => false,
        };
        if (!validHead || !IsProvince(value[2], value[3]))
        {
            return false;
        }

        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var index = UsccAlphabet.IndexOf(char.ToUpperInvariant(value[i]));
            if (index < 0)
            {
                return false;
            }

            sum += index * UsccWeights[i];
        }

        var check = (31 - (sum % 31)) % 31;
        return char.ToUpperInvariant(value[17]) == UsccAlphabet[check];
    }

    private static readonly uint[] Crc32Table = CreateCrc32Table();

    /// <summary>
    /// GitHub's token formats (ghp_, gho_, ghu_, ghs_, ghr_ + 36 base62 characters): the last six characters are the CRC32
    /// of the 30 random characters before them, base62-encoded (0-9A-Za-z) and left-padded with zeros.
    /// </summary>
    public static bool IsGitHubTokenChecksum(ReadOnlySpan<char> body)
    {
        if (body.Length != 36)
        {
            return false;
        }

        var crc = 0xFFFFFFFFu;
        foreach (var c in body[..30])
        {
            crc = Crc32Table[(crc ^ c) & 0xFF] ^ (crc >> 8);
        }

        ulong expected = crc ^ 0xFFFFFFFFu;
        ulong actual = 0;
        foreach (var c in body[30..])
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                >= 'a' and <= 'z' => c - 'a' + 36,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }

            actual = (actual * 62) + (ulong)digit;
        }

        return actual == expected;
    }

    private static uint[] CreateCrc32Table()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    /// <summary>Shannon entropy in bits per character.</summary>
    public static double Entropy(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[128];
        var other = 0;
        foreach (var c in value)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                other++;
            }
        }

        double entropy = 0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = (double)count / value.Length;
                entropy -= p * Math.Log2(p);
            }
        }

        if (other > 0)
        {
            var p = (double)other / value.Length;
            entropy -= p * Math.Log2(p);
        }

        return entropy;
    }
}
