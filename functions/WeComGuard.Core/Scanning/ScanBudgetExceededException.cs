namespace WeComGuard.Core.Scanning;

/// <summary>Holding more of a file would break its memory budget (<see cref="ScanningOptions.MaxMemoryBytes"/>); the message is the reason recorded.</summary>
public sealed class ScanBudgetExceededException : Exception
{
    public ScanBudgetExceededException()
    {
    }

    public ScanBudgetExceededException(string message)
        : base(message)
    {
    }

    public ScanBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
