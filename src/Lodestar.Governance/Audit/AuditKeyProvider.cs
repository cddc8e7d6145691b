using System.Security.Cryptography;
using Lodestar.Core;

namespace Lodestar.Governance.Audit;

/// <summary>
/// The checkpoint signing key, kept outside the database: env <c>LODESTAR_AUDIT_KEY</c> (base64, at least 32
/// bytes) or a file (base64 text) created with mode 0600 on first use.
/// </summary>
public sealed class AuditKeyProvider(string keyFilePath)
{
    public const string FileName = "audit.key";
    public const string EnvironmentVariable = "LODESTAR_AUDIT_KEY";
    private const int KeyBytes = 32;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly Lock _gate = new();
    private byte[]? _key;

    public string KeyFilePath { get; } = Path.GetFullPath(keyFilePath);

    /// <summary>The key; creates the key file when neither the environment nor the file provides one.</summary>
    public byte[] GetOrCreateKey() => Load(create: true)!;

    /// <summary>The key, or null when none exists yet (verification must not invent a key).</summary>
    public byte[]? GetExistingKey() => Load(create: false);

    private byte[]? Load(bool create)
    {
        lock (_gate)
        {
            if (_key is not null)
            {
                return _key;
            }

            if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
            {
                return _key = Decode(fromEnvironment, EnvironmentVariable);
            }

            if (File.Exists(KeyFilePath))
            {
                return _key = ReadFile();
            }

            return create ? _key = CreateFile() : null;
        }
    }

    private byte[] ReadFile()
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(KeyFilePath) & ~OwnerOnly & ~UnixFileMode.UserExecute) != 0)
        {
            throw LodestarException.Invalid($"audit key file {KeyFilePath} is readable by others; run chmod 600 on it");
        }

        return Decode(File.ReadAllText(KeyFilePath), KeyFilePath);
    }

    private byte[] CreateFile()
    {
        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        Directory.CreateDirectory(Path.GetDirectoryName(KeyFilePath)!);
        var temporary = KeyFilePath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(Convert.ToBase64String(key));
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            // Move without overwrite: if another process created the key first, its key wins and ours is dropped.
            File.Move(temporary, KeyFilePath, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(KeyFilePath))
        {
            return ReadFile();
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static byte[] Decode(string text, string source)
    {
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            if (key.Length >= KeyBytes)
            {
                return key;
            }
        }
        catch (FormatException)
        {
            // Reported below with the same message as a short key.
        }

        throw LodestarException.Invalid($"audit key from {source} must be base64 of at least {KeyBytes} bytes");
    }
}
