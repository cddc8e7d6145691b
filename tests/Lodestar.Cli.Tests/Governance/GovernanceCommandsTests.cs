using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Lodestar.Cli.Tests.Governance;

[Collection("Console")]
public sealed class GovernanceCommandsTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task UsersAdd_ThenListJson_ShowsUserWithTenantGroupsAndRoles()
    {
        var added = await _cli.RunAsync("users", "add", "alice", "--groups", "eng,ops", "--roles", "member,curator", "--tenant", "acme");
        var listed = await _cli.RunAsync("--json", "users", "list");

        Assert.Equal(0, added.ExitCode);
        Assert.Equal(0, listed.ExitCode);
        var user = Assert.Single(JsonDocument.Parse(listed.Out).RootElement.EnumerateArray());
        Assert.Equal("alice", user.GetProperty("userId").GetString());
        Assert.Equal("acme", user.GetProperty("tenantId").GetString());
        Assert.Equal(["eng", "ops"], user.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(["member", "curator"], user.GetProperty("roles").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task UsersAdd_UnknownRoleOrDuplicate_FailsWithOneLineError()
    {
        var badRole = await _cli.RunAsync("users", "add", "bob", "--roles", "root");
        await _cli.RunAsync("users", "add", "bob");
        var duplicate = await _cli.RunAsync("users", "add", "bob");

        Assert.Equal(2, badRole.ExitCode);
        Assert.StartsWith("error: unknown role 'root'", badRole.Error, StringComparison.Ordinal);
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("already exists", duplicate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysCreateListRevoke_Lifecycle_StatusFollowsAndSecretIsNeverListed()
    {
        await _cli.RunAsync("users", "add", "alice", "--roles", "member,curator");

        var created = await _cli.RunAsync("--json", "keys", "create", "--user", "alice", "--roles", "member", "--expires", "30d");
        var key = JsonDocument.Parse(created.Out).RootElement;
        var keyId = key.GetProperty("keyId").GetString()!;
        var secret = key.GetProperty("key").GetString()!;
        var listed = await _cli.RunAsync("--json", "keys", "list");
        var revoked = await _cli.RunAsync("keys", "revoke", keyId);
        var afterRevoke = await _cli.RunAsync("--json", "keys", "list", "--user", "alice");

        Assert.StartsWith("lsk_" + keyId + "_", secret, StringComparison.Ordinal);
        Assert.Equal("active", Assert.Single(JsonDocument.Parse(listed.Out).RootElement.EnumerateArray()).GetProperty("status").GetString());
        Assert.DoesNotContain(secret[17..], listed.Out, StringComparison.Ordinal);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal("revoked", Assert.Single(JsonDocument.Parse(afterRevoke.Out).RootElement.EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task KeysCreate_UnknownUserOrBadExpiry_Fails()
    {
        var unknown = await _cli.RunAsync("keys", "create", "--user", "ghost");
        await _cli.RunAsync("users", "add", "alice");
        var badExpiry = await _cli.RunAsync("keys", "create", "--user", "alice", "--expires", "soon");

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unknown user 'ghost'", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, badExpiry.ExitCode);
    }

    [Fact]
    public async Task AuditVerify_IntactThenTampered_ExitsZeroThenNamesRecord()
    {
        foreach (var user in new[] { "u1", "u2", "u3", "u4" })
        {
            await _cli.RunAsync("users", "add", user);
        }

        var intact = await _cli.RunAsync("--json", "audit", "verify");
        Tamper("UPDATE audit_records SET target = 'user:eve' WHERE sequence = 3");
        var broken = await _cli.RunAsync("--json", "audit", "verify");
        var human = await _cli.RunAsync("audit", "verify");

        Assert.Equal(0, intact.ExitCode);
        Assert.True(JsonDocument.Parse(intact.Out).RootElement.GetProperty("intact").GetBoolean());
        Assert.Equal(1, broken.ExitCode);
        var problem = JsonDocument.Parse(broken.Out).RootElement.GetProperty("problem");
        Assert.Equal(3, problem.GetProperty("sequence").GetInt64());
        Assert.Equal("altered", problem.GetProperty("kind").GetString());
        Assert.Contains("record 3", broken.Error, StringComparison.Ordinal);
        Assert.Equal(1, human.ExitCode);
        Assert.Contains("BROKEN at record 3", human.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditExport_ToFile_WritesOneJsonLinePerRecordAndAuditsItself()
    {
        await _cli.RunAsync("users", "add", "alice");
        await _cli.RunAsync("users", "add", "bob");
        var path = Path.Combine(_cli.DataDirectory, "export.jsonl");

        var exported = await _cli.RunAsync("audit", "export", "--out", path);
        var future = await _cli.RunAsync("--json", "audit", "export", "--since", "2999-01-01T00:00:00Z", "--out", path + ".empty");
        var all = await _cli.RunAsync("audit", "export");

        Assert.Equal(0, exported.ExitCode);
        var lines = File.ReadAllLines(path);
        Assert.Equal([1L, 2L], lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("sequence").GetInt64()));
        Assert.Equal("user:bob", JsonDocument.Parse(lines[1]).RootElement.GetProperty("target").GetString());
        Assert.Equal(0, JsonDocument.Parse(future.Out).RootElement.GetProperty("records").GetInt64());
        Assert.Empty(File.ReadAllText(path + ".empty"));
        Assert.Equal(["user.added", "user.added", "audit.exported", "audit.exported"],
            all.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("action").GetString()));
        Assert.Empty(Directory.GetFiles(_cli.DataDirectory, "*.tmp"));
    }

    [Fact]
    public async Task AuditExport_BadSince_ExitsInvalid()
    {
        var result = await _cli.RunAsync("audit", "export", "--since", "yesterday");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--since", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();

    private void Tamper(string sql)
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_cli.DataDirectory, "lodestar.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER audit_records_no_update; " + sql;
        command.ExecuteNonQuery();
    }
}
