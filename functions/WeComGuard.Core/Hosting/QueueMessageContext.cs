namespace WeComGuard.Core.Hosting;

/// <summary>One delivery of a queue message: its id (stable across retries), how many times it has been dequeued, and its body.</summary>
public sealed record QueueMessageContext(string MessageId, long DequeueCount, BinaryData Body);
