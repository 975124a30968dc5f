namespace WeComGuard.Core.Events;

/// <summary><c>msgaudit_notify</c>: new archived messages can be pulled with the Finance SDK. It carries no message data.</summary>
public sealed class MessageArchiveNotifyEvent(
    IReadOnlyDictionary<string, string> fields,
    IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> lists)
    : WeComEvent(fields, lists);
