using Microsoft.Extensions.Options;
using WeComGuard.Core.Hosting;

namespace WeComGuard.Core.DirectoryMirror;

public sealed class DirectorySyncOptionsValidator : IValidateOptions<DirectorySyncOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectorySyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new SettingProblems();
        problems.WholeNumber(options.ApiParallelism, SettingNames.DirectorySyncApiParallelism, 1, 256);
        return problems.Result();
    }
}
