namespace WeComGuard.Tests.Infra;

/// <summary>What one Bicep CLI run printed and returned.</summary>
public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => (StandardOutput + StandardError).Trim();

    public override string ToString() => $"exit {ExitCode}: {Output}";
}
