using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ThuliumPS.Benchmarks;

/// <summary>
/// The yardstick of the end-to-end benchmark (EndToEnd.ps1): a plain C# HttpClient sender that reads the same CSV,
/// builds the same <c>POST batch/customers</c> JSON at the same batch size and concurrency, and counts the created
/// customers. No PowerShell, no retries, no result objects: what the module's end-to-end time is compared with.
/// </summary>
/// <remarks>
/// <c>dotnet ThuliumPS.Benchmarks.dll plain-sender --csv FILE --api-uri http://127.0.0.1:PORT/api/ [--batch-size 100]
/// [--concurrency 4] [--warmup-csv FILE] [--server-pid PID]</c>; prints one JSON line: rows, succeeded, failed, requests,
/// elapsed_ms, and over the timed run the sender's CPU, JIT time and GC figures (as EndToEndCase.ps1 reports them for
/// pwsh), and the sandbox's CPU when its process id is given. The CSV is the one the
/// benchmark writes: a header row, comma-separated, no quoting; columns named as the module binds them
/// (<c>address.city</c>, <c>custom_fields.Segment</c>).
/// </remarks>
internal static class PlainSender
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? csv = null;
        Uri? apiUri = null;
        var batchSize = 100;
        var concurrency = 4;
        string? warmCsv = null;
        int? serverPid = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--csv": csv = args[i + 1]; break;
                case "--api-uri": apiUri = new Uri(args[i + 1]); break;
                case "--batch-size": batchSize = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--concurrency": concurrency = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--warmup-csv": warmCsv = args[i + 1]; break;
                case "--server-pid": serverPid = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        if (csv is null || apiUri is null)
        {
            throw new ArgumentException("plain-sender needs --csv FILE and --api-uri URI.");
        }

        using var http = new HttpClient { BaseAddress = apiUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("api_user:api_pass"u8.ToArray()));
        if (warmCsv is not null)
        {
            // Like the module's cases: one run on a small file first (JIT, connections), then a fresh sandbox.
            await SendFileAsync(http, warmCsv, batchSize, concurrency).ConfigureAwait(false);
            using var reset = await http.PostAsync(new Uri(apiUri, "/_sandbox/reset"), null).ConfigureAwait(false);
            reset.EnsureSuccessStatusCode();
        }

        using var server = serverPid is { } pid ? Process.GetProcessById(pid) : null;
        var before = RunCounters.Read(server);
        var clock = Stopwatch.StartNew();
        var (rows, requests, results) = await SendFileAsync(http, csv, batchSize, concurrency).ConfigureAwait(false);
        clock.Stop();
        var used = RunCounters.Read(server) - before;
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["rows"] = rows,
            ["succeeded"] = results.Sum(r => r.Succeeded),
            ["failed"] = results.Sum(r => r.Failed),
            ["requests"] = requests,
            ["elapsed_ms"] = clock.Elapsed.TotalMilliseconds,
            ["cpu_ms"] = used.Cpu.TotalMilliseconds,
            ["jit_ms"] = used.Jit.TotalMilliseconds,
            ["jit_methods"] = used.JitMethods,
            ["gc0"] = used.Gc0,
            ["gc1"] = used.Gc1,
            ["gc2"] = used.Gc2,
            ["gc_pause_ms"] = used.GcPause.TotalMilliseconds,
            ["alloc_mb"] = used.AllocatedBytes / 1048576.0,
            ["server_cpu_ms"] = server is null ? null : used.ServerCpu.TotalMilliseconds,
        }));
        return 0;
    }

    private static async Task<(int Rows, int Requests, (int Succeeded, int Failed)[] Results)> SendFileAsync(HttpClient http, string csv, int batchSize, int concurrency)
    {
        using var slots = new SemaphoreSlim(concurrency);
        var inFlight = new List<Task<(int Succeeded, int Failed)>>();
        var rows = 0;
        var requests = 0;
        using (var reader = new StreamReader(csv, Encoding.UTF8))
        {
            var header = (await reader.ReadLineAsync().ConfigureAwait(false))!.Split(',');
            var batch = new List<string[]>(batchSize);
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                rows++;
                batch.Add(line.Split(','));
                if (batch.Count == batchSize)
                {
                    await slots.WaitAsync().ConfigureAwait(false);
                    inFlight.Add(SendAsync(http, Body(header, batch), batch.Count, slots));
                    requests++;
                    batch = new List<string[]>(batchSize);
                }
            }

            if (batch.Count > 0)
            {
                await slots.WaitAsync().ConfigureAwait(false);
                inFlight.Add(SendAsync(http, Body(header, batch), batch.Count, slots));
                requests++;
            }
        }

        return (rows, requests, await Task.WhenAll(inFlight).ConfigureAwait(false));
    }

    /// <summary><c>{"customers": [...]}</c>: blank cells left out, dotted columns as nested objects.</summary>
    private static byte[] Body(string[] header, List<string[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("customers");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                string? open = null;
                for (var c = 0; c < header.Length && c < row.Length; c++)
                {
                    if (row[c].Length == 0)
                    {
                        continue;
                    }

                    var dot = header[c].IndexOf('.', StringComparison.Ordinal);
                    var parent = dot < 0 ? null : header[c][..dot];
                    if (parent != open)
                    {
                        if (open is not null)
                        {
                            json.WriteEndObject();
                        }

                        if (parent is not null)
                        {
                            json.WriteStartObject(parent);
                        }

                        open = parent;
                    }

                    json.WriteString(dot < 0 ? header[c] : header[c][(dot + 1)..], row[c]);
                }

                if (open is not null)
                {
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static async Task<(int Succeeded, int Failed)> SendAsync(HttpClient http, byte[] body, int count, SemaphoreSlim slots)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(new Uri("batch/customers", UriKind.Relative), content).ConfigureAwait(false);
            using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync().ConfigureAwait(false)).ConfigureAwait(false);
            if (answer.RootElement.ValueKind != JsonValueKind.Object || answer.RootElement.TryGetProperty("errors", out _))
            {
                return (0, count);
            }

            var succeeded = answer.RootElement.EnumerateObject().Count(p => p.Value.TryGetProperty("http_status", out var s) && s.GetInt32() == 201);
            return (succeeded, count - succeeded);
        }
        finally
        {
            slots.Release();
        }
    }
}
