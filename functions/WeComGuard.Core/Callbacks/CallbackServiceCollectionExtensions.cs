using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeComGuard.Core.Events;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.Callbacks;

public static class CallbackServiceCollectionExtensions
{
    /// <summary>The callback receivers (validated at start), the endpoint's handler, the event recorder and store, the <c>wecom-events</c> processor and the event sweeper.</summary>
    public static IServiceCollection AddWeComCallbacks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<WeComCallbackOptions, WeComCallbackOptionsValidator>(configuration, WeComCallbackOptions.SectionName);
        services.AddSingleton<CallbackReceivers>();
        services.AddSingleton<IRecordedEventDecryptor>(provider => provider.GetRequiredService<CallbackReceivers>());
        services.AddSingleton<WeComEventStore>();
        services.AddSingleton<WeComEventRecorder>();
        services.AddSingleton<WeComCallbackHandler>();
        services.AddSingleton<WeComEventProcessor>();
        services.AddSingleton<IQueueMessageHandler>(provider => provider.GetRequiredService<WeComEventProcessor>());
        services.AddOptions<EventSweepOptions>().Bind(configuration.GetSection(EventSweepOptions.SectionName));
        services.AddSingleton<WeComEventSweeper>();
        services.AddSingleton<IScheduledJob>(provider => provider.GetRequiredService<WeComEventSweeper>());
        return services;
    }
}
