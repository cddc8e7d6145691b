using System.Text.Json;
using Lodestar.Core;
using Lodestar.Governance.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Server.Tests.Security;

/// <summary>Reads the server's audit trail through its own JSONL export.</summary>
internal static class AuditTrailReader
{
    public static async Task<IReadOnlyList<JsonElement>> ReadAsync(IServiceProvider services)
    {
        await using var text = new StringWriter();
        await services.GetRequiredService<AuditTrail>().ExportAsync(Principal.LocalAdministrator, text, since: null);
        return text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
    }

    public static string Action(JsonElement record) => record.GetProperty("action").GetString()!;
}
