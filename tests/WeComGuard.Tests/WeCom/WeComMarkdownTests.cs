using WeComGuard.Core.Notifications;

namespace WeComGuard.Tests.WeCom;

public sealed class WeComMarkdownTests
{
    [Theory]
    [InlineData("[点此](http://evil)", "［点此］（http://evil）")]
    [InlineData("<font color=\"warning\">x", "＜font color=\"warning\"＞x")]
    [InlineData("a\nb\r\n# c", "a␊b␍␊＃ c")]
    [InlineData("**b** `c` _i_ &lt; \\", "＊＊b＊＊ ｀c｀ ＿i＿ ＆lt; ＼")]
    [InlineData("名单\u202Etxt.exe\u0085", "名单txt.exe")]
    [InlineData("员工名单 2026.xlsx", "员工名单 2026.xlsx")]
    public void Markup_characters_become_inert_text(string name, string expected)
    {
        Assert.Equal(expected, WeComMarkdown.Text(name));
    }
}
