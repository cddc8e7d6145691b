using System.CommandLine;
using Lodestar.Core;
using Lodestar.Governance.Identity;

namespace Lodestar.Cli.Commands;

/// <summary><c>users add|list</c> and <c>keys create|list|revoke</c>; the CLI acts as the local administrator.</summary>
internal static class UserCommands
{
    public static Command CreateUsers()
    {
        var users = new Command("users", "Manage users and their tenant, groups and roles");
        users.Subcommands.Add(AddUser());
        users.Subcommands.Add(ListUsers());
        users.Subcommands.Add(UpdateUser());
        return users;
    }

    public static Command CreateKeys()
    {
        var keys = new Command("keys", "Manage API keys (only their hashes are stored)");
        keys.Subcommands.Add(CreateKey());
        keys.Subcommands.Add(ListKeys());
        keys.Subcommands.Add(RevokeKey());
        return keys;
    }

    private static Command AddUser()
    {
        var id = new Argument<string>("ID") { Description = "User id, unique across tenants" };
        var groups = new Option<string?>("--groups") { Description = "Comma-separated groups, e.g. g1,g2" };
        var roles = new Option<string?>("--roles") { Description = $"Comma-separated roles ({string.Join(", ", Role.All)}); default member" };
        var tenant = new Option<string?>("--tenant") { Description = $"Tenant (default {Principal.DefaultTenant})" };
        var command = new Command("add", "Register a user") { id, groups, roles, tenant };
        command.SetHandler(async (context, ct) =>
        {
            var result = context.ParseResult;
            var user = await context.GetRequiredService<UserDirectory>().AddAsync(
                Principal.LocalAdministrator,
                new NewUser(result.GetValue(id)!, result.GetValue(tenant), SplitList(result.GetValue(groups)), SplitList(result.GetValue(roles))),
                ct).ConfigureAwait(false);
            context.Output(user, u => Console.Out.WriteLine(
                $"added user {u.UserId} (tenant {u.TenantId}, roles {string.Join(',', u.Roles)}, groups {Show(u.Groups)})"));
            return CliRunner.Success;
        });
        return command;
    }

    private static Command UpdateUser()
    {
        var id = new Argument<string>("ID") { Description = "User id" };
        var groups = new Option<string?>("--groups") { Description = "Replace the groups (comma-separated; empty string for none)" };
        var roles = new Option<string?>("--roles") { Description = $"Replace the roles ({string.Join(", ", Role.All)})" };
        var command = new Command("update", "Change a user's groups and/or roles (audited; existing keys narrow at once)") { id, groups, roles };
        command.SetHandler(async (context, ct) =>
        {
            var result = context.ParseResult;
            if (result.GetValue(groups) is null && result.GetValue(roles) is null)
            {
                throw LodestarException.Invalid("give --groups and/or --roles to change");
            }

            var user = await context.GetRequiredService<UserDirectory>().UpdateAsync(
                Principal.LocalAdministrator, result.GetValue(id)!, NullableList(result.GetValue(groups)), NullableList(result.GetValue(roles)), ct).ConfigureAwait(false);
            context.Output(user, u => Console.Out.WriteLine($"updated user {u.UserId} (roles {string.Join(',', u.Roles)}, groups {Show(u.Groups)})"));
            return CliRunner.Success;
        });
        return command;
    }

    private static Command ListUsers()
    {
        var tenant = new Option<string?>("--tenant") { Description = "Only users of this tenant" };
        var command = new Command("list", "List users") { tenant };
        command.SetHandler(async (context, ct) =>
        {
            var users = await context.GetRequiredService<UserDirectory>().ListAsync(context.ParseResult.GetValue(tenant), ct).ConfigureAwait(false);
            context.Output(users, list =>
            {
                Console.Out.WriteLine($"{"USER",-24} {"TENANT",-16} {"ROLES",-24} GROUPS");
                foreach (var u in list)
                {
                    Console.Out.WriteLine($"{u.UserId,-24} {u.TenantId,-16} {string.Join(',', u.Roles),-24} {Show(u.Groups)}");
                }
            });
            return CliRunner.Success;
        });
        return command;
    }

    private static Command CreateKey()
    {
        var user = new Option<string>("--user") { Description = "The user the key acts as", Required = true };
        var roles = new Option<string?>("--roles") { Description = "Comma-separated subset of the user's roles (default: all of them)" };
        var expires = new Option<string?>("--expires") { Description = "Lifetime such as 30d, 12h or 90m (default: never)" };
        var command = new Command("create", "Create an API key; it is printed once and cannot be shown again") { user, roles, expires };
        command.SetHandler(async (context, ct) =>
        {
            var result = context.ParseResult;
            var lifetime = result.GetValue(expires) is { } text ? ApiKeyLifetime.Parse(text) : (TimeSpan?)null;
            var issued = await context.GetRequiredService<ApiKeyService>().CreateAsync(
                Principal.LocalAdministrator, result.GetValue(user)!, SplitList(result.GetValue(roles)), lifetime, ct).ConfigureAwait(false);
            var key = issued.Key;
            context.Output(
                new { key.KeyId, key.UserId, key.TenantId, key.Roles, key.CreatedAt, key.ExpiresAt, Key = issued.Secret },
                _ =>
                {
                    CliContext.Info($"created key {key.KeyId} for {key.UserId} (roles {string.Join(',', key.Roles)}, expires {key.ExpiresAt?.ToString("O") ?? "never"}); store it now, it is not shown again:");
                    Console.Out.WriteLine(issued.Secret);
                });
            return CliRunner.Success;
        });
        return command;
    }

    private static Command ListKeys()
    {
        var user = new Option<string?>("--user") { Description = "Only keys of this user" };
        var command = new Command("list", "List API keys (never the keys themselves)") { user };
        command.SetHandler(async (context, ct) =>
        {
            var keys = await context.GetRequiredService<ApiKeyService>().ListAsync(context.ParseResult.GetValue(user), ct).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow;
            var rows = keys.Select(k => new
            {
                k.KeyId,
                k.UserId,
                k.TenantId,
                k.Roles,
                k.CreatedAt,
                k.ExpiresAt,
                k.RevokedAt,
                Status = k.RevokedAt is not null ? "revoked" : k.IsActiveAt(now) ? "active" : "expired",
            }).ToList();
            context.Output(rows, list =>
            {
                Console.Out.WriteLine($"{"KEY",-14} {"USER",-24} {"STATUS",-8} {"ROLES",-24} EXPIRES");
                foreach (var k in list)
                {
                    Console.Out.WriteLine($"{k.KeyId,-14} {k.UserId,-24} {k.Status,-8} {string.Join(',', k.Roles),-24} {k.ExpiresAt?.ToString("O") ?? "never"}");
                }
            });
            return CliRunner.Success;
        });
        return command;
    }

    private static Command RevokeKey()
    {
        var id = new Argument<string>("ID") { Description = "Key id as shown by keys list" };
        var command = new Command("revoke", "Revoke an API key") { id };
        command.SetHandler(async (context, ct) =>
        {
            var key = await context.GetRequiredService<ApiKeyService>().RevokeAsync(Principal.LocalAdministrator, context.ParseResult.GetValue(id)!, ct)
                .ConfigureAwait(false);
            context.Output(new { key.KeyId, key.UserId, key.RevokedAt }, k => Console.Out.WriteLine($"revoked key {k.KeyId} of {k.UserId}"));
            return CliRunner.Success;
        });
        return command;
    }

    private static string[] SplitList(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string[]? NullableList(string? text) => text is null ? null : SplitList(text);

    private static string Show(IReadOnlyList<string> values) => values.Count == 0 ? "-" : string.Join(',', values);
}
