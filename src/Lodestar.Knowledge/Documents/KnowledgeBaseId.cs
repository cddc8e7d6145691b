using System.Security.Cryptography;
using System.Text;
using Lodestar.Core;

namespace Lodestar.Knowledge.Documents;

/// <summary>A knowledge base is named within its tenant; nothing crosses tenants.</summary>
public readonly record struct KnowledgeBaseId(string TenantId, string Name)
{
    public const string DefaultName = "default";

    /// <summary>Validates a user-supplied name: letters, digits, '-', '_' and '.', at most 64 characters.</summary>
    public static KnowledgeBaseId Create(string tenantId, string? name)
    {
        name = string.IsNullOrWhiteSpace(name) ? DefaultName : name.Trim();
        if (name.Length > 64 || name.StartsWith('.') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw LodestarException.Invalid($"invalid knowledge base name '{name}': use letters, digits, '-', '_' or '.', at most 64 characters");
        }

        return new KnowledgeBaseId(tenantId, name);
    }

    /// <summary>A stable id for a document, derived from where it came from, so re-ingesting finds it again.</summary>
    public string DocumentIdFor(string origin, string source)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{TenantId}\n{Name}\n{origin}\n{source}"));
        return "doc_" + Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }

    public override string ToString() => $"{TenantId}/{Name}";
}
