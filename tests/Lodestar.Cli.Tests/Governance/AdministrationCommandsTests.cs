using System.Text.Json;

namespace Lodestar.Cli.Tests.Governance;

[Collection("Console")]
public sealed class AdministrationCommandsTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task UsersUpdate_ChangesRolesAndGroups_AndIsAudited()
    {
        await _cli.RunAsync("users", "add", "alice", "--roles", "member,curator", "--groups", "eng");

        var updated = await _cli.RunAsync("--json", "users", "update", "alice", "--roles", "member", "--groups", "ops");
        var exported = await _cli.RunAsync("audit", "export");
        var user = JsonDocument.Parse(updated.Out).RootElement;

        Assert.Equal(0, updated.ExitCode);
        Assert.Equal(["member"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["ops"], user.GetProperty("groups").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains("\"action\":\"user.changed\"", exported.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersUpdate_NothingToChange_IsInvalidInput()
    {
        await _cli.RunAsync("users", "add", "alice");

        var result = await _cli.RunAsync("users", "update", "alice");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: give --groups and/or --roles", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantsAdd_ThenList_ShowsTenantWithItsAdministrator_SecondAddConflicts()
    {
        var added = await _cli.RunAsync("tenants", "add", "acme", "--admin", "ada");
        var again = await _cli.RunAsync("tenants", "add", "acme", "--admin", "other");
        var listed = JsonDocument.Parse((await _cli.RunAsync("--json", "tenants", "list")).Out).RootElement;

        Assert.Equal(0, added.ExitCode);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
        var tenant = Assert.Single(listed.EnumerateArray());
        Assert.Equal(("acme", 1, 1), (tenant.GetProperty("tenant").GetString(), tenant.GetProperty("users").GetInt32(), tenant.GetProperty("admins").GetInt32()));
    }

    [Theory]
    [InlineData("search")]
    [InlineData("ask")]
    public async Task Query_ActingAsAnAuditor_IsRefusedNamingTheRolesNeeded(string command)
    {
        await _cli.RunAsync("users", "add", "audrey", "--roles", "auditor");

        var result = await _cli.RunAsync(command, "anything", "--user", "audrey");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"user 'audrey' may not {command}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AclSet_WithoutSubjects_IsInvalidInput_AndUnknownDocumentIsNotFound()
    {
        var empty = await _cli.RunAsync("acl", "set", "doc_00000000000000000000");
        var missing = await _cli.RunAsync("acl", "set", "doc_00000000000000000000", "--allow", "user:bob");

        Assert.Equal(2, empty.ExitCode);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("unknown document", missing.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
