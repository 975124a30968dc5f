namespace WeComGuard.Core.WeCom;

/// <summary>
/// message/send's answer to a template card: the message id, the userids WeCom could not deliver to, and the
/// response_code that message/update_template_card consumes (once, within 72 hours).
/// </summary>
public sealed record WeComTemplateCardSent(string? MsgId, string? InvalidUser, string? ResponseCode);
