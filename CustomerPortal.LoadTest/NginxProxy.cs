namespace CustomerPortal.LoadTest;

/// <summary>
/// Debian's nginx in front of two app instances with the site file a real installation uses
/// (deploy/nginx/customerportal.conf), only its upstream ports and listen address replaced.
/// </summary>
public static class NginxProxy
{
    public const string AffinityCookie = "cp_affinity";

    private static readonly string[] Executables = ["/usr/sbin/nginx", "/usr/bin/nginx"];

    /// <summary>nginx on 127.0.0.1:<paramref name="port"/>, its configuration, pid and logs in <paramref name="folder"/>.</summary>
    public static async Task<BackgroundProcess> StartAsync(string folder, int port, int firstUpstreamPort, int secondUpstreamPort)
    {
        var nginx = Executables.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("nginx is not installed: apt-get install -y nginx.");
        Directory.CreateDirectory(folder);
        // Started as root, the workers run as nobody and write their temporary files here.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        var site = (await File.ReadAllTextAsync(Path.Combine(RepoFolder.Find(), "deploy", "nginx", "customerportal.conf")))
            .Replace("127.0.0.1:5001", $"127.0.0.1:{firstUpstreamPort}", StringComparison.Ordinal)
            .Replace("127.0.0.1:5002", $"127.0.0.1:{secondUpstreamPort}", StringComparison.Ordinal)
            .Replace("listen 80;", $"listen 127.0.0.1:{port} backlog=4096;", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(folder, "customerportal.conf"), site);
        // Each WebSocket holds two connections in nginx (client and upstream); the default 1024 would cap a run at ~500.
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            worker_processes 1;
            worker_rlimit_nofile 20000;
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 16384; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/client_body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                include {{folder}}/customerportal.conf;
            }
            """);
        return await BackgroundProcess.StartAsync(nginx, ["-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-e", Path.Combine(folder, "error.log")],
            port, Path.Combine(folder, "nginx.log"));
    }
}
