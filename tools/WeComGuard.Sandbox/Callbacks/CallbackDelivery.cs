namespace WeComGuard.Sandbox.Callbacks;

/// <summary>The outcome of delivering one callback: how many POSTs it took, the last HTTP status (null for a timeout or connection failure).</summary>
public sealed record CallbackDelivery(bool Delivered, int Attempts, int? LastStatus);
