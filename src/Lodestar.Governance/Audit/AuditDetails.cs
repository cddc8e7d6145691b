using System.Text;
using System.Text.Json;

namespace Lodestar.Governance.Audit;

/// <summary>Event details as canonical JSON: one object, keys in ordinal order, so equal details hash equally.</summary>
internal static class AuditDetails
{
    public static string ToCanonicalJson(IReadOnlyDictionary<string, string>? details)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (details is not null)
            {
                foreach (var key in details.Keys.Order(StringComparer.Ordinal))
                {
                    writer.WriteString(key, details[key]);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
