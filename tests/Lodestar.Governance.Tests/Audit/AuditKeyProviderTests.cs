using Lodestar.Core;
using Lodestar.Governance.Audit;

namespace Lodestar.Governance.Tests.Audit;

// xunit runs the tests of one class one after another, and no other class reads LODESTAR_AUDIT_KEY,
// so the environment-variable test cannot race anything.
public sealed class AuditKeyProviderTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("lodestar-auditkey-");

    private string KeyPath => Path.Combine(_directory.FullName, AuditKeyProvider.FileName);

    [Fact]
    public void GetExistingKey_NoFile_ReturnsNullAndCreatesNothing()
    {
        Assert.Null(new AuditKeyProvider(KeyPath).GetExistingKey());
        Assert.False(File.Exists(KeyPath));
    }

    [Fact]
    public void GetOrCreateKey_FirstUse_CreatesOwnerOnlyFileThatLaterProvidersRead()
    {
        var created = new AuditKeyProvider(KeyPath).GetOrCreateKey();

        Assert.Equal(32, created.Length);
        Assert.Equal(created, new AuditKeyProvider(KeyPath).GetExistingKey());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
        }

        Assert.Single(_directory.GetFiles());
    }

    [Fact]
    public void GetOrCreateKey_FileReadableByOthers_ThrowsInvalid()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        new AuditKeyProvider(KeyPath).GetOrCreateKey();
        File.SetUnixFileMode(KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        Assert.Equal(ErrorKind.Invalid, Assert.Throws<LodestarException>(() => new AuditKeyProvider(KeyPath).GetOrCreateKey()).Kind);
    }

    [Fact]
    public void GetOrCreateKey_MalformedFile_ThrowsInvalid()
    {
        File.WriteAllText(KeyPath, "short");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Assert.Equal(ErrorKind.Invalid, Assert.Throws<LodestarException>(() => new AuditKeyProvider(KeyPath).GetOrCreateKey()).Kind);
    }

    [Fact]
    public void GetOrCreateKey_EnvironmentKeySet_UsesItAndWritesNoFile()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        Environment.SetEnvironmentVariable(AuditKeyProvider.EnvironmentVariable, Convert.ToBase64String(key));
        try
        {
            Assert.Equal(key, new AuditKeyProvider(KeyPath).GetOrCreateKey());
            Assert.False(File.Exists(KeyPath));

            Environment.SetEnvironmentVariable(AuditKeyProvider.EnvironmentVariable, Convert.ToBase64String(key[..16]));
            Assert.Equal(ErrorKind.Invalid, Assert.Throws<LodestarException>(() => new AuditKeyProvider(KeyPath).GetOrCreateKey()).Kind);
        }
        finally
        {
            Environment.SetEnvironmentVariable(AuditKeyProvider.EnvironmentVariable, null);
        }
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
