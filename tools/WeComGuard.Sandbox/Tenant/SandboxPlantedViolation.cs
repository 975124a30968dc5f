namespace WeComGuard.Sandbox.Tenant;

/// <summary>A handbook violation planted in a generated tenant for demos and tests: its kind and the member or group it concerns.</summary>
public sealed record SandboxPlantedViolation(string Kind, string Subject);
