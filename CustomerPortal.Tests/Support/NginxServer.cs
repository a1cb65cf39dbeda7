using System.Diagnostics;

namespace CustomerPortal.Tests.Support;

/// <summary>
/// Debian's nginx (apt-get install -y nginx) on a loopback port in front of app instances, configured with the file a
/// real installation uses (deploy/nginx/customerportal.conf) with its upstream ports and listen address replaced. Every
/// response also says which upstream served it (X-Upstream), so a test can tell the instances apart.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    public const string AffinityCookie = "cp_affinity";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"cp-nginx-{Guid.NewGuid():N}");
    private Process? _process;

    public int Port { get; } = PortalAppFactory.FreePort();

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public async Task StartAsync(int firstPort, int secondPort)
    {
        Directory.CreateDirectory(_folder);
        // Workers run as nobody when nginx starts as root; they write their temporary files here.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_folder, (UnixFileMode)0b111_111_111);
        var site = (await File.ReadAllTextAsync(SiteFile()))
            .Replace("127.0.0.1:5001", $"127.0.0.1:{firstPort}", StringComparison.Ordinal)
            .Replace("127.0.0.1:5002", $"127.0.0.1:{secondPort}", StringComparison.Ordinal)
            .Replace("listen 80;", $"listen 127.0.0.1:{Port};", StringComparison.Ordinal)
            .Replace("        add_header Set-Cookie", "        add_header X-Upstream $upstream_addr always;\n        add_header Set-Cookie", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(_folder, "customerportal.conf"), site);
        await File.WriteAllTextAsync(Path.Combine(_folder, "nginx.conf"), $$"""
            worker_processes 1;
            daemon off;
            pid {{_folder}}/nginx.pid;
            error_log {{_folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{_folder}}/client_body;
                proxy_temp_path {{_folder}}/proxy;
                fastcgi_temp_path {{_folder}}/fastcgi;
                uwsgi_temp_path {{_folder}}/uwsgi;
                scgi_temp_path {{_folder}}/scgi;
                include {{_folder}}/customerportal.conf;
            }
            """);
        _process = Process.Start(new ProcessStartInfo(Executable(), $"-p {_folder} -c {_folder}/nginx.conf -e {_folder}/error.log")
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("nginx did not start; install it with apt-get install -y nginx.");
        try
        {
            await RedisServer.WaitForPortAsync(Port);
        }
        catch (InvalidOperationException)
        {
            throw new InvalidOperationException($"nginx did not listen: {await File.ReadAllTextAsync(Path.Combine(_folder, "error.log"))}");
        }
    }

    /// <summary>An affinity cookie value that nginx sends to the upstream on <paramref name="port"/>.</summary>
    public async Task<string> AffinityForAsync(int port)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(BaseUrl) };
        for (var n = 0; n < 200; n++)
        {
            var key = $"test-{n}";
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
            request.Headers.Add("Cookie", $"{AffinityCookie}={key}");
            using var response = await http.SendAsync(request);
            if (response.Headers.TryGetValues("X-Upstream", out var upstream) && upstream.Single() == $"127.0.0.1:{port}") return key;
        }
        throw new InvalidOperationException($"No affinity key reaches port {port} through nginx.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* The OS cleans the temp folder. */ }
        catch (UnauthorizedAccessException) { /* Workers' temp folders belong to nobody; the OS cleans them. */ }
    }

    private static readonly string[] Executables = ["/usr/sbin/nginx", "/usr/bin/nginx"];

    private static string Executable() =>
        Executables.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("nginx is not installed: apt-get install -y nginx.");

    /// <summary>deploy/nginx/customerportal.conf of the repository the tests were built from.</summary>
    private static string SiteFile()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "deploy", "nginx", "customerportal.conf");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("deploy/nginx/customerportal.conf not found above the test folder.");
    }
}
