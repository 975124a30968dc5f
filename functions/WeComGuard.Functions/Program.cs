using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using WeComGuard.Core.Hosting;
using WeComGuard.Functions;

var builder = FunctionsApplication.CreateBuilder(args);

builder.ConfigureFunctionsWebApplication();

builder.Services.AddWeComGuardApplicationInsights();

builder.Services.AddWeComGuard(builder.Configuration);

await builder.Build().RunAsync();
