using System.Net;
using System.Net.Sockets;

namespace Lodestar.Core.Net;

/// <summary>
/// Keeps outgoing webhooks (alert and drift) away from the server's own network (SSRF): a URL whose host is or
/// resolves to a loopback, link-local, private, unique-local, unspecified, broadcast or multicast address is refused,
/// unless the operator allows private targets (<c>LODESTAR_WEBHOOK_ALLOW_PRIVATE=true</c>) or lists the host or its
/// range (<c>LODESTAR_WEBHOOK_ALLOW=hooks.internal,10.20.0.0/16</c>). Checked when a webhook is registered and again
/// on every connection, after DNS resolution (so a name re-pointed at an internal address is still refused); clients
/// from <see cref="CreateClient"/> follow no redirects and use no proxy.
/// </summary>
public sealed class WebhookAddressPolicy
{
    public const string AllowPrivateVariable = "LODESTAR_WEBHOOK_ALLOW_PRIVATE";
    public const string AllowListVariable = "LODESTAR_WEBHOOK_ALLOW";

    private static readonly IpNetwork[] Restricted =
    [
        IpNetwork.Parse("0.0.0.0/8"),        // "this network", includes the unspecified address
        IpNetwork.Parse("10.0.0.0/8"),
        IpNetwork.Parse("100.64.0.0/10"),    // carrier-grade NAT, internal by design
        IpNetwork.Parse("127.0.0.0/8"),
        IpNetwork.Parse("169.254.0.0/16"),   // link-local, where cloud metadata services live
        IpNetwork.Parse("172.16.0.0/12"),
        IpNetwork.Parse("192.168.0.0/16"),
        IpNetwork.Parse("224.0.0.0/4"),      // multicast
        IpNetwork.Parse("240.0.0.0/4"),      // reserved and broadcast
        IpNetwork.Parse("::/128"),
        IpNetwork.Parse("::1/128"),
        IpNetwork.Parse("fc00::/7"),         // unique-local
        IpNetwork.Parse("fe80::/10"),        // link-local
        IpNetwork.Parse("fec0::/10"),        // deprecated site-local
        IpNetwork.Parse("ff00::/8"),         // multicast
    ];

    private readonly HashSet<string> _hosts;
    private readonly IpNetwork[] _networks;

    public WebhookAddressPolicy(bool allowPrivate = false, IEnumerable<string>? allowed = null)
    {
        AllowPrivate = allowPrivate;
        _hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var networks = new List<IpNetwork>();
        foreach (var entry in allowed ?? [])
        {
            var item = entry.Trim();
            if (item.Length == 0)
            {
                continue;
            }

            if (item.Contains('/', StringComparison.Ordinal) || IPAddress.TryParse(item, out _))
            {
                networks.Add(IpNetwork.Parse(item));
            }
            else
            {
                _hosts.Add(item.TrimEnd('.'));
            }
        }

        _networks = [.. networks];
    }

    /// <summary>Private targets allowed everywhere: for tests and single-machine setups that post to a local receiver.</summary>
    public static WebhookAddressPolicy AllowingPrivate { get; } = new(allowPrivate: true);

    public bool AllowPrivate { get; }

    public static WebhookAddressPolicy FromEnvironment()
    {
        var allowPrivate = Environment.GetEnvironmentVariable(AllowPrivateVariable);
        if (!string.IsNullOrEmpty(allowPrivate) && !bool.TryParse(allowPrivate, out _))
        {
            throw LodestarException.Invalid($"{AllowPrivateVariable} must be true or false, not '{allowPrivate}'");
        }

        return new WebhookAddressPolicy(
            string.Equals(allowPrivate, "true", StringComparison.OrdinalIgnoreCase),
            (Environment.GetEnvironmentVariable(AllowListVariable) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>True for addresses a webhook must not reach by default (IPv4-mapped IPv6 addresses count as their IPv4 address).</summary>
    public static bool IsRestricted(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        foreach (var network in Restricted)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a connection to <paramref name="address"/>, reached through <paramref name="host"/>, is allowed.</summary>
    public bool Permits(string host, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (AllowPrivate || !IsRestricted(address) || _hosts.Contains(host.TrimEnd('.')))
        {
            return true;
        }

        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Registration-time check: an absolute http(s) URL whose host is not (and does not resolve to) a refused address.
    /// A name that does not resolve now is accepted; every delivery checks again after resolution.
    /// </summary>
    public async Task<Uri> CheckAsync(string? url, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw LodestarException.Invalid("a webhook needs an absolute http(s) 'url'");
        }

        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.IdnHost;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return uri;
        }

        foreach (var address in addresses)
        {
            if (!Permits(host, address))
            {
                throw LodestarException.Invalid(Refusal(host, address));
            }
        }

        return uri;
    }

    /// <summary>An HTTP client whose every connection goes through this policy: no redirects, no proxy.</summary>
    public HttpClient CreateClient(TimeSpan timeout) => new(CreateHandler()) { Timeout = timeout };

    private SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        ConnectCallback = ConnectAsync,
    };

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var permitted = Array.FindAll(addresses, address => Permits(host, address));
        if (permitted.Length == 0)
        {
            throw new HttpRequestException(addresses.Length == 0 ? $"webhook host {host} did not resolve" : Refusal(host, addresses[0]));
        }

        // Connect to the vetted addresses themselves, never to the name again (that would re-resolve).
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Refusal(string host, IPAddress address) =>
        $"webhook host {host} is or resolves to {address}, a loopback, private, link-local or multicast address; an operator allows it with {AllowPrivateVariable}=true or {AllowListVariable}=HOST|CIDR";
}
