using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Lodestar.Core.Net;

/// <summary>An address range in CIDR notation (<c>10.0.0.0/8</c>, <c>fc00::/7</c>); IPv4-mapped IPv6 addresses match their IPv4 range.</summary>
public sealed class IpNetwork
{
    private readonly byte[] _prefix;
    private readonly int _bits;

    public IpNetwork(IPAddress address, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        _prefix = address.GetAddressBytes();
        if (prefixLength < 0 || prefixLength > _prefix.Length * 8)
        {
            throw LodestarException.Invalid($"prefix length {prefixLength} is out of range for {address}");
        }

        _bits = prefixLength;
        Family = address.AddressFamily;
    }

    public AddressFamily Family { get; }

    public static IpNetwork Parse(string cidr)
    {
        ArgumentNullException.ThrowIfNull(cidr);
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? cidr : cidr[..slash];
        if (!IPAddress.TryParse(addressText, out var address))
        {
            throw LodestarException.Invalid($"'{cidr}' is not an IP address or CIDR range");
        }

        address = Unmapped(address);
        var full = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (slash < 0)
        {
            return new IpNetwork(address, full);
        }

        return int.TryParse(cidr.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var bits) && bits <= full
            ? new IpNetwork(address, bits)
            : throw LodestarException.Invalid($"'{cidr}' has no valid prefix length (0 to {full})");
    }

    /// <summary>The IPv4 address inside an IPv4-mapped IPv6 address (<c>::ffff:10.0.0.1</c>); any other address as is.</summary>
    public static IPAddress Unmapped(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = Unmapped(address);
        if (address.AddressFamily != Family)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        var whole = _bits / 8;
        if (!bytes[..whole].SequenceEqual(_prefix.AsSpan(0, whole)))
        {
            return false;
        }

        var rest = _bits % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - rest));
        return whole < length && (bytes[whole] & mask) == (_prefix[whole] & mask);
    }

    public override string ToString() => $"{new IPAddress(_prefix)}/{_bits}";
}
