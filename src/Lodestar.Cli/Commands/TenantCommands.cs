using System.CommandLine;
using Lodestar.Core;
using Lodestar.Governance.Identity;

namespace Lodestar.Cli.Commands;

/// <summary>
/// <c>tenants list|add</c>: a tenant exists through its users, so adding one registers its first administrator,
/// who then manages the tenant's users, keys and ACLs over HTTP. The CLI acts as the local operator.
/// </summary>
internal static class TenantCommands
{
    public static Command Create()
    {
        var tenants = new Command("tenants", "List tenants and create a tenant with its first administrator");
        tenants.Subcommands.Add(List());
        tenants.Subcommands.Add(Add());
        return tenants;
    }

    private static Command List()
    {
        var command = new Command("list", "List tenants with their user and administrator counts");
        command.SetHandler(async (context, ct) =>
        {
            var users = await context.GetRequiredService<UserDirectory>().ListAsync(null, ct).ConfigureAwait(false);
            var tenants = users.GroupBy(user => user.TenantId, StringComparer.Ordinal)
                .Select(tenant => new { Tenant = tenant.Key, Users = tenant.Count(), Admins = tenant.Count(user => user.Roles.Contains(Role.Admin, StringComparer.Ordinal)) })
                .ToList();
            context.Output(tenants, list =>
            {
                Console.Out.WriteLine($"{"TENANT",-24} {"USERS",6} {"ADMINS",6}");
                foreach (var t in list)
                {
                    Console.Out.WriteLine($"{t.Tenant,-24} {t.Users,6} {t.Admins,6}");
                }
            });
            return CliRunner.Success;
        });
        return command;
    }

    private static Command Add()
    {
        var name = new Argument<string>("NAME") { Description = "Tenant name" };
        var admin = new Option<string>("--admin") { Description = "User id of the tenant's first administrator", Required = true };
        var command = new Command("add", "Create a tenant by registering its first administrator") { name, admin };
        command.SetHandler(async (context, ct) =>
        {
            var directory = context.GetRequiredService<UserDirectory>();
            var tenant = context.ParseResult.GetValue(name)!;
            if ((await directory.ListAsync(tenant, ct).ConfigureAwait(false)).Count > 0)
            {
                throw LodestarException.Conflict($"tenant '{tenant}' already exists");
            }

            var user = await directory.AddAsync(Principal.LocalAdministrator, new NewUser(context.ParseResult.GetValue(admin)!, tenant, [], [Role.Admin]), ct).ConfigureAwait(false);
            context.Output(user, u => Console.Out.WriteLine($"created tenant {u.TenantId} with administrator {u.UserId}; create their key with: lodestar keys create --user {u.UserId}"));
            return CliRunner.Success;
        });
        return command;
    }
}
