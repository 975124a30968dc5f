using Microsoft.Extensions.Options;

namespace WeComGuard.Core.Hosting;

/// <summary>Collects what is wrong with a capability's settings, each problem naming the setting and never its value.</summary>
public sealed class SettingProblems
{
    private readonly List<string> _problems = [];

    /// <summary>Records <c>Setting '{setting}' {problem}</c> when <paramref name="isWrong"/>.</summary>
    public void Check(bool isWrong, string setting, string problem)
    {
        if (isWrong)
        {
            _problems.Add($"Setting '{setting}' {problem}");
        }
    }

    public void WholeNumber(long value, string setting, long min, long max) =>
        Check(value < min || value > max, setting, $"must be a whole number from {min} to {max}.");

    public ValidateOptionsResult Result() => _problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_problems);
}
