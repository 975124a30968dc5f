using Xunit.Abstractions;
using Xunit.Sdk;

namespace WeComGuard.Tests.Host;

/// <summary>
/// A fact of a scenario shared by the app's hosts. In a test class marked <see cref="RequiresFunctionsHostAttribute"/> it
/// is skipped, with the reason, where no Functions host is found (see <see cref="FunctionsHostAvailability"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("WeComGuard.Tests.Host.AppHostFactDiscoverer", "WeComGuard.Tests")]
public sealed class AppHostFactAttribute : FactAttribute
{
}

/// <summary>Marks a test class whose facts run against the real Azure Functions host.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresFunctionsHostAttribute : Attribute
{
}

public sealed class AppHostFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var needsHost = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresFunctionsHostAttribute)).Any();
        if (needsHost && FunctionsHostAvailability.SkipReason is { } reason)
        {
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, reason)];
        }

        return [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)];
    }
}
