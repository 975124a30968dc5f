namespace WeComGuard.Core.WeCom;

/// <summary>
/// A WeCom listing stopped making progress: the cursor came back unchanged or came back after it was already
/// followed, pages kept coming empty, or the listing passed the page cap (<c>WeCom__MaxPagesPerListing</c>). What was
/// read so far is incomplete.
/// </summary>
public sealed class WeComPagingException : Exception
{
    public WeComPagingException()
    {
    }

    public WeComPagingException(string message)
        : base(message)
    {
    }

    public WeComPagingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WeComPagingException(string apiPath, string? cursor, int pagesRead, string reason)
        : base($"WeCom {apiPath} paging stopped after {pagesRead} page(s) at cursor '{Shorten(cursor)}': {reason}")
    {
        ApiPath = apiPath;
        Cursor = cursor;
        PagesRead = pagesRead;
    }

    public string ApiPath { get; } = string.Empty;

    /// <summary>The cursor the listing could not get past (null: the first page).</summary>
    public string? Cursor { get; }

    public int PagesRead { get; }

    private static string Shorten(string? cursor) =>
        cursor is null ? "(first page)" : cursor.Length <= 64 ? cursor : cursor[..64] + "…";
}
