using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WeComGuard.Core.Hosting;

/// <summary>The one way WeCom Guard configures a capability: options bound from a section, validated when the app starts.</summary>
public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to configuration section <paramref name="section"/> and validates it with
    /// <typeparamref name="TValidator"/> when the host starts, so that a bad setting stops the app with a message naming
    /// the setting instead of failing every queue message later. <paramref name="configuration"/> is registered as the
    /// app's <see cref="IConfiguration"/> unless the host registered one already (the Functions host and Kestrel do).
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>
    /// For a command that runs without the app's host (<c>wecomguard audit</c>, <c>wecomguard scan</c>): the options as the
    /// app would have them, registered by <paramref name="register"/>, bound, post-configured and validated.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is wrong; the message names each such setting.</exception>
    public static TOptions ResolveValidatedOptions<TOptions>(this IConfiguration configuration, Func<IServiceCollection, IConfiguration, IServiceCollection> register)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(register);
        using var provider = register(new ServiceCollection(), configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<TOptions>>().Value;
    }
}
