using CustomerPortal.Core;
using CustomerPortal.Web;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCore(builder.Configuration);
builder.Services.AddWeb(builder.Configuration);

var app = builder.Build();
await app.PrepareDataAsync();
app.UseWeb();
await app.RunAsync();

/// <summary>Entry point; public so integration tests can start the app with WebApplicationFactory.</summary>
public partial class Program;
