using System.Runtime.CompilerServices;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.WeCom;

/// <summary>One page of a WeCom listing: its items, the cursor of the next page, and whether WeCom says there is one.</summary>
internal readonly record struct WeComPage<TItem>(IReadOnlyList<TItem> Items, string? NextCursor, bool HasMore = true);

/// <summary>
/// Follows a WeCom cursor listing (next_cursor, has_more or is_last) to its end, and stops it with
/// <see cref="WeComPagingException"/> when the server does not make progress: a cursor that comes back unchanged or
/// after it was already followed, pages that keep coming empty, or more pages than the cap.
/// </summary>
internal static class WeComPager
{
    /// <summary>Empty pages in a row, each promising more, after which a listing is taken to make no progress.</summary>
    internal const int MaxEmptyPagesInARow = 10;

    public static async IAsyncEnumerable<TItem> ReadAllAsync<TResponse, TItem>(
        string api,
        int maxPages,
        Func<string?, CancellationToken, Task<TResponse>> fetchPage,
        Func<TResponse, WeComPage<TItem>> readPage,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(api);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPages);
        ArgumentNullException.ThrowIfNull(fetchPage);
        ArgumentNullException.ThrowIfNull(readPage);
        var followed = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        var pages = 0;
        var emptyInARow = 0;
        while (true)
        {
            if (pages >= maxPages)
            {
                throw new WeComPagingException(api, cursor, pages, $"the listing did not end within {maxPages} pages (the cap set by {SettingNames.WeComMaxPagesPerListing}).");
            }

            var page = readPage(await fetchPage(cursor, cancellationToken).ConfigureAwait(false));
            pages++;
            var next = page.HasMore && !string.IsNullOrEmpty(page.NextCursor) ? page.NextCursor : null;
            if (next is not null && next == cursor)
            {
                throw new WeComPagingException(api, cursor, pages, "WeCom answered with the same next_cursor it was sent, so the server ignores the cursor.");
            }

            if (next is not null && !followed.Add(next))
            {
                throw new WeComPagingException(api, cursor, pages, $"next_cursor '{next}' was already followed earlier in this listing, so it loops.");
            }

            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (next is null)
            {
                yield break;
            }

            emptyInARow = page.Items.Count == 0 ? emptyInARow + 1 : 0;
            if (emptyInARow >= MaxEmptyPagesInARow)
            {
                throw new WeComPagingException(api, next, pages, $"{emptyInARow} pages in a row were empty yet promised more.");
            }

            cursor = next;
        }
    }
}
