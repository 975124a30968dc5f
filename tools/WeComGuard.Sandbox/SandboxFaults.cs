namespace WeComGuard.Sandbox;

/// <summary>
/// Faults to inject into the sandbox's replies: errcodes, HTTP statuses and slow replies for the next N calls of an
/// API (or of any API with <c>"*"</c>), listings that ignore the cursor, token expiry, and the per-API rate limit. Thread-safe.
/// </summary>
public sealed class SandboxFaults
{
    public const string AnyApi = "*";

    private readonly Lock _lock = new();
    private readonly List<Fault> _faults = [];
    private readonly HashSet<string> _cursorIgnored = new(StringComparer.Ordinal);

    /// <summary>Calls per minute allowed per API path; 0 = unlimited.</summary>
    public int RateLimitPerMinute { get; set; }

    /// <summary>The window <see cref="RateLimitPerMinute"/> counts over; one minute except in tests.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(7200);

    /// <summary>Answer the next <paramref name="times"/> calls of <paramref name="api"/> (e.g. <c>user/get</c>) with this errcode.</summary>
    public void FailNext(string api, int errcode, int times = 1) => Add(new Fault(api, times) { ErrorCode = errcode });

    /// <summary>Answer the next calls with this HTTP status and no WeCom body.</summary>
    public void FailNextWithStatus(string api, int httpStatus, int times = 1) => Add(new Fault(api, times) { HttpStatus = httpStatus });

    /// <summary>Delay the next calls by <paramref name="delay"/> before answering normally.</summary>
    public void SlowNext(string api, TimeSpan delay, int times = 1) => Add(new Fault(api, times) { Delay = delay });

    /// <summary>
    /// Until <see cref="Clear"/>, the listing <paramref name="api"/> ignores the cursor: every call answers the first page
    /// and promises more with the same next_cursor, as a server stuck on one page (or a gateway that drops the field) does.
    /// </summary>
    public void IgnoreCursor(string api)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(api);
        lock (_lock)
        {
            _cursorIgnored.Add(api);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _faults.Clear();
            _cursorIgnored.Clear();
        }
    }

    internal bool IgnoresCursor(string api)
    {
        lock (_lock)
        {
            return _cursorIgnored.Contains(api) || _cursorIgnored.Contains(AnyApi);
        }
    }

    internal (int? ErrorCode, int? HttpStatus, TimeSpan Delay) Take(string api)
    {
        lock (_lock)
        {
            int? errcode = null;
            int? status = null;
            var delay = TimeSpan.Zero;
            foreach (var fault in _faults)
            {
                if (fault.Remaining <= 0 || (fault.Api != AnyApi && fault.Api != api))
                {
                    continue;
                }

                if (fault.Delay > TimeSpan.Zero && delay == TimeSpan.Zero)
                {
                    delay = fault.Delay;
                    fault.Remaining--;
                }
                else if (fault.ErrorCode is not null && errcode is null && status is null)
                {
                    errcode = fault.ErrorCode;
                    fault.Remaining--;
                }
                else if (fault.HttpStatus is not null && errcode is null && status is null)
                {
                    status = fault.HttpStatus;
                    fault.Remaining--;
                }
            }

            _faults.RemoveAll(f => f.Remaining <= 0);
            return (errcode, status, delay);
        }
    }

    private void Add(Fault fault)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fault.Api);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fault.Remaining);
        lock (_lock)
        {
            _faults.Add(fault);
        }
    }

    private sealed class Fault(string api, int times)
    {
        public string Api { get; } = api;

        public int Remaining { get; set; } = times;

        public int? ErrorCode { get; init; }

        public int? HttpStatus { get; init; }

        public TimeSpan Delay { get; init; }
    }
}
