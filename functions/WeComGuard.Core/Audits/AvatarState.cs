namespace WeComGuard.Core.Audits;

/// <summary>What WeCom returned for a member's avatar. Apps that may not read avatars get no field at all.</summary>
public enum AvatarState
{
    /// <summary>The API did not return the field (the app cannot read avatars): avatar rules are skipped.</summary>
    NotReturned = 0,

    /// <summary>The field was returned and is empty: the member never set an avatar.</summary>
    Empty = 1,

    /// <summary>The field was returned with an avatar URL.</summary>
    Present = 2,
}
