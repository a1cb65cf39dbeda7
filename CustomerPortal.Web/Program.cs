using CustomerPortal.Core;
using CustomerPortal.Web;

// "backup <folder>" and "restore <folder>" (README, Backups) work on the configured database and exit; the folder is
// not a setting, so only what follows it goes to the configuration.
var command = MaintenanceCommands.Find(args);
var builder = WebApplication.CreateBuilder(command?.SettingArgs ?? args);
builder.Services.AddCore(builder.Configuration);
builder.Services.AddWeb(builder.Configuration);

var app = builder.Build();
if (command is not null)
{
    Environment.ExitCode = await command.RunAsync(app.Services, Console.Out);
    return;
}
await app.PrepareDataAsync();
app.UseWeb();
await app.RunAsync();

/// <summary>Entry point; public so integration tests can start the app with WebApplicationFactory.</summary>
public partial class Program;
