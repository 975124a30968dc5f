namespace WeComGuard.Core.Audits.Rules;

/// <summary>Two groups whose member sets overlap: ids sorted ordinally, the Jaccard similarity and set sizes.</summary>
public sealed record GroupOverlapPair(string FirstChatId, string SecondChatId, double Similarity, int SharedMembers, int FirstSize, int SecondSize)
{
    /// <summary>The finding subject: the two chat ids sorted ordinally and joined by <c>|</c>.</summary>
    public string Subject => $"{FirstChatId}|{SecondChatId}";
}
