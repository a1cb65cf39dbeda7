using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerPortal.Tests.Outbox;

/// <summary>A request the fake received, as it came.</summary>
public sealed record ProviderRequest(string Method, string Path, string? Authorization, string? ContentType, string Body);

/// <summary>An answer the fake gives: status, JSON body and extra headers.</summary>
public sealed record ProviderAnswer(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// A local stand-in for a sending API (SendGrid's mail/send, Twilio's Messages.json) on Kestrel at 127.0.0.1 with its own
/// port. It records every request, answers with the scripted answers in order and then with its default one, and counts
/// a message as accepted only once its 2xx answer has been written, as the real provider takes it only then. It can hold
/// the next request open (to kill the sender mid-send); a held request whose client went away is not accepted.
/// </summary>
public sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<int, ProviderAnswer> _defaultAnswer;
    private readonly Lock _gate = new();
    private readonly List<ProviderRequest> _requests = [];
    private readonly List<ProviderRequest> _accepted = [];
    private readonly Queue<ProviderAnswer> _script = new();
    private TaskCompletionSource? _hold;
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sequence;

    private FakeProviderServer(WebApplication app, Func<int, ProviderAnswer> defaultAnswer)
    {
        _app = app;
        _defaultAnswer = defaultAnswer;
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>SendGrid's answer to an accepted mail/send: 202, no body, the message id in X-Message-Id.</summary>
    public static Task<FakeProviderServer> StartSendGridAsync() =>
        StartAsync(n => new ProviderAnswer(202, "", new Dictionary<string, string> { ["X-Message-Id"] = $"sg-fake-{n}" }));

    /// <summary>Twilio's answer to a created message: 201 with the message resource (its sid).</summary>
    public static Task<FakeProviderServer> StartSmsAsync() =>
        StartAsync(n => new ProviderAnswer(201, $$"""{"sid":"SMfake{{n}}","status":"queued","error_code":null,"error_message":null}"""));

    private static async Task<FakeProviderServer> StartAsync(Func<int, ProviderAnswer> defaultAnswer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeProviderServer(app, defaultAnswer);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    public IReadOnlyList<ProviderRequest> Requests { get { lock (_gate) return [.. _requests]; } }

    /// <summary>The requests answered with a 2xx that reached the sender: the messages the provider took.</summary>
    public IReadOnlyList<ProviderRequest> Accepted { get { lock (_gate) return [.. _accepted]; } }

    /// <summary>The next requests get these answers, in order.</summary>
    public void AnswerNext(params ProviderAnswer[] answers)
    {
        lock (_gate) foreach (var answer in answers) _script.Enqueue(answer);
    }

    /// <summary>The next request is held without an answer until <see cref="Release"/> or until its client goes away.</summary>
    public void HoldNext() { lock (_gate) _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously); }

    /// <summary>Completes when a request is being held.</summary>
    public Task Held => _held.Task;

    public void Release() { lock (_gate) _hold?.TrySetResult(); }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var request = new ProviderRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
            context.Request.Headers.Authorization.FirstOrDefault(), context.Request.ContentType, body);
        ProviderAnswer answer;
        TaskCompletionSource? hold;
        lock (_gate)
        {
            _requests.Add(request);
            answer = _script.Count > 0 ? _script.Dequeue() : _defaultAnswer(++_sequence);
            hold = _hold;
            _hold = null;
        }
        if (hold is not null)
        {
            _held.TrySetResult();
            try
            {
                await hold.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        if (answer.Body.Length > 0)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Body, context.RequestAborted);
        }
        await context.Response.CompleteAsync();
        if (answer.Status is >= 200 and < 300 && !context.RequestAborted.IsCancellationRequested)
            lock (_gate) _accepted.Add(request);
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
