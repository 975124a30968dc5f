namespace WeComGuard.Sandbox;

/// <summary>A message an app sent through message/send.</summary>
public sealed record SandboxSentMessage(string ToUser, string MsgType, int AgentId, string Content);
