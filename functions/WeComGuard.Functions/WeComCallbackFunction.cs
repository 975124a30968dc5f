using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using WeComGuard.Core.Callbacks;

namespace WeComGuard.Functions;

/// <summary>WeCom's callback URL. Anonymous at the Functions level: the WeCom signature is the authentication.</summary>
public sealed class WeComCallbackFunction(WeComCallbackHandler handler)
{
    [Function("WeComCallback")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "wecom/callback/{app}")] HttpRequest request,
        string app,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = CallbackQuery.From(name => request.Query.TryGetValue(name, out var value) ? value.ToString() : null);
        var response = await handler.HandleAsync(request.Method, app, query, request.Body, request.ContentLength, cancellationToken);
        return new ContentResult { StatusCode = response.StatusCode, Content = response.Body, ContentType = "text/plain; charset=utf-8" };
    }
}
