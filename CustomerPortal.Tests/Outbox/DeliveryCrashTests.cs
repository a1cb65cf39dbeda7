using System.Diagnostics;
using System.Text;
using CustomerPortal.Core.Outbox;
using Microsoft.Data.Sqlite;

namespace CustomerPortal.Tests.Outbox;

/// <summary>
/// Item 6 of issue 11: the real app, as its own process on its own SQLite file and port, is killed (SIGKILL) while its
/// dispatcher is in the middle of sending an e-mail the fake SendGrid holds open; started again, it sends the e-mail, once.
/// </summary>
[Trait("Database", "SqliteOnly")]
public sealed class DeliveryCrashTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task KilledMidSend_AfterRestart_SendsTheEmailExactlyOnce()
    {
        await using var sendGrid = await FakeProviderServer.StartSendGridAsync();
        var folder = Path.Combine(Path.GetTempPath(), "cp-crash-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var messageId = await QueueEmailInDatabaseAsync(folder);
            sendGrid.HoldNext();

            using (var first = AppProcess.Start(folder, sendGrid.BaseUrl))
            {
                await WaitAsync(sendGrid.Held, first, "the first send to reach the fake SendGrid");
                first.Kill();
            }
            Assert.Empty(sendGrid.Accepted);
            Assert.Single(sendGrid.Requests);

            using (var second = AppProcess.Start(folder, sendGrid.BaseUrl))
            {
                await WaitAsync(UntilAsync(() => ReadStatus(folder, messageId).Status == nameof(OutboxStatus.Sent)), second, "the message to be marked sent after the restart");
            }

            var accepted = Assert.Single(sendGrid.Accepted);
            Assert.Contains($"\"outbox_id\":\"{messageId}\"", accepted.Body);
            Assert.Equal(2, sendGrid.Requests.Count);
            // The killed attempt left no trace but its lease: the restarted app's send is the first one recorded.
            Assert.Equal((nameof(OutboxStatus.Sent), 1), ReadStatus(folder, messageId));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* the OS cleans the temp folder */ }
        }
    }

    /// <summary>Makes the app's database in the folder (migrated as the app would) with one e-mail queued, due now.</summary>
    private static async Task<long> QueueEmailInDatabaseAsync(string folder)
    {
        await using var core = await CoreServices.StartAsync(settings: new Dictionary<string, string?> { ["Database:DataFolder"] = folder });
        core.Clock.Now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var message = await DeliveryKit.QueueEmailAsync(core);
        return message.Id;
    }

    private static (string Status, int Attempts) ReadStatus(string folder, long id)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "customerportal.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Status, Attempts FROM OutboxMessages WHERE Id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetInt32(1)) : ("", 0);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        while (!condition()) await Task.Delay(100);
    }

    private static async Task WaitAsync(Task task, AppProcess app, string what)
    {
        var finished = await Task.WhenAny(task, Task.Delay(Patience), app.Exited);
        if (finished != task) throw new TimeoutException($"Gave up waiting for {what}. The app printed:\n{app.Output}");
        await task;
    }

    /// <summary>The built web app (its own build output) run with `dotnet CustomerPortal.Web.dll`.</summary>
    private sealed class AppProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private AppProcess(Process process) => _process = process;

        public Task Exited => _process.WaitForExitAsync();

        public string Output { get { lock (_output) return _output.ToString(); } }

        public static AppProcess Start(string dataFolder, string sendGridBase)
        {
            var folder = WebBuildOutput();
            var port = PortalAppFactory.FreePort();
            var start = new ProcessStartInfo(DotnetPath(), [Path.Combine(folder, "CustomerPortal.Web.dll")])
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var settings = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Urls"] = $"http://127.0.0.1:{port}",
                ["App__PublicBaseUrl"] = $"http://127.0.0.1:{port}",
                ["Database__DataFolder"] = dataFolder,
                ["DemoData__Enabled"] = "false",
                ["Delivery__EmailProvider"] = "SendGrid",
                ["Delivery__SendGrid__ApiKey"] = DeliveryKit.SendGridKey,
                ["Delivery__SendGrid__ApiBase"] = sendGridBase,
                ["Delivery__FromAddress"] = DeliveryKit.From,
                // Short enough for a quick test, long enough that the held send is killed before it times out.
                ["Delivery__LeaseSeconds"] = "4",
                ["Delivery__SendTimeoutSeconds"] = "3",
                ["Delivery__PollIntervalMilliseconds"] = "200",
            };
            foreach (var (key, value) in settings) start.Environment[key] = value;
            var process = new Process { StartInfo = start };
            var app = new AppProcess(process);
            process.OutputDataReceived += (_, e) => app.Append(e.Data);
            process.ErrorDataReceived += (_, e) => app.Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return app;
        }

        /// <summary>SIGKILL: the process gets no chance to finish anything.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        private void Append(string? line)
        {
            if (line is null) return;
            lock (_output) _output.AppendLine(line);
        }

        public void Dispose()
        {
            if (!_process.HasExited) Kill();
            _process.Dispose();
        }

        private static string WebBuildOutput()
        {
            // CustomerPortal.Tests/bin/<Configuration>/<tfm>/ -> CustomerPortal.Web/bin/<Configuration>/<tfm>/
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var web = Path.GetFullPath(Path.Combine(testOutput.FullName, "..", "..", "..", "..", "CustomerPortal.Web", "bin",
                testOutput.Parent!.Name, testOutput.Name));
            return File.Exists(Path.Combine(web, "CustomerPortal.Web.dll")) ? web : testOutput.FullName;
        }

        private static string DotnetPath() =>
            Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
    }
}
