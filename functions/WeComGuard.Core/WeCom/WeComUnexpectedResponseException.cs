using System.Net;

namespace WeComGuard.Core.WeCom;

/// <summary>
/// WeCom's address answered with something that is not a WeCom API answer: an HTTP error or redirect, an HTML page,
/// an empty, cut-off or malformed body, JSON without <c>errcode</c>, or nothing complete in time. The message names the
/// API and what came back, never the access token or the body's data.
/// </summary>
/// <remarks>It is an <see cref="HttpRequestException"/> so that callers treating HTTP failures as retryable later keep doing so.</remarks>
public sealed class WeComUnexpectedResponseException : HttpRequestException
{
    public WeComUnexpectedResponseException()
    {
    }

    public WeComUnexpectedResponseException(string message)
        : base(message)
    {
    }

    public WeComUnexpectedResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WeComUnexpectedResponseException(
        string apiPath, WeComResponseProblem problem, string detail, HttpStatusCode? statusCode = null, string? mediaType = null, Exception? innerException = null)
        : base(BuildMessage(apiPath, problem, detail), innerException, statusCode)
    {
        ApiPath = apiPath;
        Problem = problem;
        MediaType = mediaType;
    }

    public string ApiPath { get; } = string.Empty;

    public WeComResponseProblem Problem { get; }

    /// <summary>The answer's Content-Type media type, when there was one.</summary>
    public string? MediaType { get; }

    private static string BuildMessage(string apiPath, WeComResponseProblem problem, string detail) =>
        $"WeCom {apiPath} did not answer as WeCom does ({problem}): {detail}";
}
