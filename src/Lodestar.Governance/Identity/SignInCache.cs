using System.Collections.Concurrent;
using Lodestar.Core;

namespace Lodestar.Governance.Identity;

/// <summary>
/// Remembers verified API keys for a few seconds, so a busy endpoint does not read the key and its user from the
/// store on every request. The secret is still checked on every request, and expiry too: against the key exactly as
/// it was verified, in constant time, which costs nanoseconds where hashing it again (SHA-256) costs about a
/// microsecond. So a key in use stays in this process's memory for up to <see cref="TimeToLive"/> after its last
/// store check, as it already sits in the server's request buffers; the store keeps only hashes.
/// Revocations and user changes made in this process clear the cache at once; made on another node (or by the CLI
/// beside a running server) they take effect here within <see cref="TimeToLive"/> (env <c>LODESTAR_SIGNIN_CACHE_SECONDS</c>, 0 turns it off).
/// </summary>
public sealed class SignInCache
{
    public const string TimeToLiveVariable = "LODESTAR_SIGNIN_CACHE_SECONDS";

    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _entriesByKeyId;
    private long _generation;

    public SignInCache(TimeProvider timeProvider, TimeSpan timeToLive)
    {
        _timeProvider = timeProvider;
        TimeToLive = timeToLive;
        _entriesByKeyId = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public TimeSpan TimeToLive { get; }

    public static SignInCache FromEnvironment(TimeProvider timeProvider)
    {
        var configured = Environment.GetEnvironmentVariable(TimeToLiveVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            return new SignInCache(timeProvider, TimeSpan.FromSeconds(5));
        }

        return double.TryParse(configured, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? new SignInCache(timeProvider, TimeSpan.FromSeconds(seconds))
            : throw LodestarException.Invalid($"{TimeToLiveVariable} must be a number of seconds >= 0, not '{configured}'");
    }

    /// <summary>The generation to pass to <see cref="Remember"/>: read it before reading the store.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The principal of a key verified a moment ago, looked up by its key id (a span of the presented key: no copy).</summary>
    public Principal? Find(ReadOnlySpan<char> keyId, string presentedKey)
    {
        ArgumentNullException.ThrowIfNull(presentedKey);
        if (!_entriesByKeyId.TryGetValue(keyId, out var entry))
        {
            return null;
        }

        var now = _timeProvider.GetUtcNow();
        if (now >= entry.CachedUntil || entry.Generation != Generation || (entry.KeyExpiresAt is { } expires && now >= expires))
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(keyId.ToString(), entry));
            return null;
        }

        return ConstantTimeText.Matches(presentedKey, entry.VerifiedKey) ? entry.Principal : null;
    }

    /// <summary>
    /// Caches a successful sign-in with <paramref name="verifiedKey"/> (the presented key that matched the stored
    /// hash) unless something was invalidated since <paramref name="generation"/> was read.
    /// </summary>
    public void Remember(string keyId, ApiKey key, string verifiedKey, Principal principal, long generation)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (TimeToLive > TimeSpan.Zero && generation == Generation)
        {
            _entries[keyId] = new Entry(verifiedKey, principal, key.ExpiresAt, _timeProvider.GetUtcNow() + TimeToLive, generation);
        }
    }

    /// <summary>Forgets every cached sign-in: a key was revoked or a user's roles or groups changed.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private sealed record Entry(string VerifiedKey, Principal Principal, DateTimeOffset? KeyExpiresAt, DateTimeOffset CachedUntil, long Generation);
}
