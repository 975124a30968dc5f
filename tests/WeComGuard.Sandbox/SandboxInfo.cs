namespace WeComGuard.Sandbox;

/// <summary>Marker for the sandbox assembly.</summary>
public static class SandboxInfo
{
    public const string Name = "WeCom Guard sandbox";
}
