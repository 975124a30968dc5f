namespace WeComGuard.Core.Callbacks;

internal static class HttpMethods
{
    public static bool IsGet(string method) => string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);

    public static bool IsPost(string method) => string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase);
}
