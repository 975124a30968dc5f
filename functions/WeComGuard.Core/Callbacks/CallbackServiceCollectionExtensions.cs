using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeComGuard.Core.Events;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.Callbacks;

public static class CallbackServiceCollectionExtensions
{
    /// <summary>The callback endpoint's handler, the event recorder and store, and the <c>wecom-events</c> processor.</summary>
    public static IServiceCollection AddWeComCallbacks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WeComCallbackOptions>().Bind(configuration.GetSection(WeComCallbackOptions.SectionName));
        services.AddSingleton<WeComEventStore>();
        services.AddSingleton<WeComEventRecorder>();
        services.AddSingleton<WeComCallbackHandler>();
        services.AddSingleton<WeComEventProcessor>();
        services.AddSingleton<IQueueMessageHandler>(provider => provider.GetRequiredService<WeComEventProcessor>());
        return services;
    }
}
