namespace WeComGuard.Core.Events;

/// <summary>A message a member sent to the app: text, image, voice, video, location or link (WeCom has no file type here).</summary>
public sealed class AppMessage(
    IReadOnlyDictionary<string, string> fields,
    IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> lists)
    : WeComEvent(fields, lists)
{
    public string? Content => Field("Content");

    /// <summary>For image, voice and video; valid for three days (media/get).</summary>
    public string? MediaId => Field("MediaId");
}
