using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ThuliumPS.Core.Tests.Engine;

/// <summary>
/// A minimal HTTP/1.1 responder on loopback that records the raw request heads it receives, for asserting the
/// exact headers on the wire (the sandbox's request log keeps no headers). Answers every request with one canned
/// response and closes the connection.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _response;
    private readonly Task _loop;

    public RawHttpServer(int status, string body)
    {
        var bytes = Encoding.UTF8.GetByteCount(body);
        _response = $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {bytes}\r\nConnection: close\r\n\r\n{body}";
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri ApiUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/api/");

    public List<string> RequestHeads { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                var stream = client.GetStream();
                var head = new StringBuilder();
                var buffer = new byte[4096];
                while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        break;
                    }

                    head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                lock (RequestHeads)
                {
                    RequestHeads.Add(head.ToString());
                }

                await stream.WriteAsync(Encoding.UTF8.GetBytes(_response), _stop.Token);
            }
        }
    }
}
