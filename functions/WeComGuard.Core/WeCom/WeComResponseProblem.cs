namespace WeComGuard.Core.WeCom;

/// <summary>Why an HTTP answer from WeCom's address was not a WeCom API answer.</summary>
public enum WeComResponseProblem
{
    /// <summary>An HTTP error status (after the retries for 5xx): often a proxy or gateway in front of WeCom.</summary>
    HttpError,

    /// <summary>A 3xx redirect, typically to a login page of a proxy; WeCom Guard does not follow redirects.</summary>
    Redirect,

    /// <summary>A 2xx answer with no body.</summary>
    Empty,

    /// <summary>An HTML page (a proxy's error or login page), not JSON.</summary>
    Html,

    /// <summary>Neither JSON nor HTML.</summary>
    NotJson,

    /// <summary>JSON that does not parse: cut off or malformed.</summary>
    InvalidJson,

    /// <summary>JSON without the <c>errcode</c> every WeCom answer carries.</summary>
    NoErrorCode,

    /// <summary>No complete answer (headers and body) within the per-attempt timeout, after the retries.</summary>
    Timeout,

    /// <summary>The connection failed or closed before the answer was complete, after the retries.</summary>
    Transport,
}
