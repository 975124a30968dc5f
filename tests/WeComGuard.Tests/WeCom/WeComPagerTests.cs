using Microsoft.Extensions.DependencyInjection;
using WeComGuard.Core.Hosting;
using WeComGuard.Core.WeCom;

namespace WeComGuard.Tests.WeCom;

/// <summary>The one cursor loop every WeCom listing goes through: it ends, or it stops with a typed error.</summary>
public sealed class WeComPagerTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private static Task<List<int>> ReadAsync(Func<string?, WeComPage<int>> server, int maxPages = 100) =>
        WeComPager.ReadAllAsync<WeComPage<int>, int>("test/list", maxPages, (cursor, _) => Task.FromResult(server(cursor)), page => page, CancellationToken.None)
            .ToListAsync().AsTask().WaitAsync(HangGuard);

    [Fact]
    public async Task A_listing_follows_the_cursor_to_an_empty_one_or_to_has_more_false()
    {
        Assert.Equal([1, 2, 3], await ReadAsync(cursor => cursor switch
        {
            null => new([1], "a"),
            "a" => new([2], "b"),
            _ => new([3], string.Empty),
        }));
        Assert.Equal([1, 2], await ReadAsync(cursor => cursor is null ? new([1], "a") : new([2], "b", HasMore: false)));
    }

    [Fact]
    public async Task A_cursor_that_comes_back_unchanged_stops_the_listing_naming_api_and_cursor()
    {
        var error = await Assert.ThrowsAsync<WeComPagingException>(() => ReadAsync(cursor => new([1], "stuck")));

        Assert.Equal(("test/list", "stuck", 2), (error.ApiPath, error.Cursor, error.PagesRead));
        Assert.Contains("test/list", error.Message, StringComparison.Ordinal);
        Assert.Contains("'stuck'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ignores the cursor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_seen_before_stops_the_listing()
    {
        var error = await Assert.ThrowsAsync<WeComPagingException>(() => ReadAsync(cursor => cursor == "a" ? new([2], "b") : new([1], "a")));

        Assert.Contains("already followed", error.Message, StringComparison.Ordinal);
        Assert.Equal("b", error.Cursor);
    }

    [Fact]
    public async Task Empty_pages_that_keep_promising_more_stop_the_listing()
    {
        var next = 0;
        var error = await Assert.ThrowsAsync<WeComPagingException>(() => ReadAsync(_ => new([], "c" + next++)));

        Assert.Equal(WeComPager.MaxEmptyPagesInARow, error.PagesRead);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listing_that_never_ends_stops_at_the_page_cap()
    {
        var next = 0;
        var error = await Assert.ThrowsAsync<WeComPagingException>(() => ReadAsync(_ => new([next], "c" + next++), maxPages: 7));

        Assert.Equal(7, error.PagesRead);
        Assert.Contains(SettingNames.WeComMaxPagesPerListing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sandbox_listing_that_ignores_the_cursor_ends_with_a_typed_error()
    {
        await using var host = await WeComClientHost.StartAsync();
        host.State.Faults.IgnoreCursor("externalcontact/groupchat/list");

        var error = await Assert.ThrowsAsync<WeComPagingException>(() => host.Client.ListGroupChatsAsync().ToListAsync().AsTask().WaitAsync(HangGuard));

        Assert.Equal("externalcontact/groupchat/list", error.ApiPath);
        Assert.Equal(2, host.State.CallCount("externalcontact/groupchat/list"));
    }

    [Fact]
    public async Task The_page_cap_comes_from_the_setting()
    {
        await using var host = await WeComClientHost.StartAsync(settings: new Dictionary<string, string?> { ["WeCom:MaxPagesPerListing"] = "2" });

        var error = await Assert.ThrowsAsync<WeComPagingException>(() => host.Client.ListUserIdsAsync(pageSize: 3).ToListAsync().AsTask().WaitAsync(HangGuard));

        Assert.Equal(2, error.PagesRead);
        Assert.Equal(2, host.State.CallCount("user/list_id"));
    }

    [Fact]
    public async Task A_page_cap_that_is_not_a_positive_number_is_refused_naming_the_setting()
    {
        await using var host = await WeComClientHost.StartAsync(settings: new Dictionary<string, string?> { ["WeCom:MaxPagesPerListing"] = "0" });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => host.Services.GetRequiredService<WeComApiClient>());

        Assert.Contains(SettingNames.WeComMaxPagesPerListing, error.Message, StringComparison.Ordinal);
    }
}
