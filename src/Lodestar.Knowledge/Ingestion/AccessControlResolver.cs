using System.Text.Json;
using Lodestar.Core;

namespace Lodestar.Knowledge.Ingestion;

/// <summary>
/// Finds who may read a document from ACL sidecars: <c>FILE.acl.json</c> beside it, else the nearest
/// <c>_acl.json</c> walking up to the root, else <see cref="AccessControlList.Open"/>. The nearest definition
/// replaces (never merges with) those above it. A sidecar that cannot be read or understood fails closed with a
/// <see cref="DocumentParseException"/>: a typo must never turn a restricted document into a public one.
/// </summary>
public static class AccessControlResolver
{
    public const string FolderFileName = "_acl.json";
    public const string FileSuffix = ".acl.json";

    private static readonly HashSet<string> KnownProperties = new(StringComparer.Ordinal) { "allow", "deny" };

    public static AccessControlList Resolve(string root, string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        var fullRoot = Path.GetFullPath(root);
        var segments = relativePath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || segments.Any(static s => s is "." or ".."))
        {
            throw LodestarException.Invalid($"'{relativePath}' is not a path inside the source root");
        }

        var sidecar = Path.Combine([fullRoot, .. segments[..^1], segments[^1] + FileSuffix]);
        if (File.Exists(sidecar))
        {
            return Read(sidecar, fullRoot);
        }

        for (var depth = segments.Length - 1; depth >= 0; depth--)
        {
            var folderAcl = Path.Combine([fullRoot, .. segments[..depth], FolderFileName]);
            if (File.Exists(folderAcl))
            {
                return Read(folderAcl, fullRoot);
            }
        }

        return AccessControlList.Open;
    }

    private static AccessControlList Read(string path, string root)
    {
        var name = Path.GetRelativePath(root, path).Replace('\\', '/');
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(name, "expected a JSON object with \"allow\" and/or \"deny\"");
            }

            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (!KnownProperties.Contains(property.Name))
                {
                    throw Invalid(name, $"unknown property \"{property.Name}\" (expected \"allow\" or \"deny\")");
                }
            }

            return new AccessControlList(Subjects(json.RootElement, "allow", name), Subjects(json.RootElement, "deny", name));
        }
        catch (JsonException ex)
        {
            throw Invalid(name, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Invalid(name, "cannot read: " + ex.Message);
        }
    }

    private static string[] Subjects(JsonElement acl, string property, string name)
    {
        if (!acl.TryGetProperty(property, out var list))
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(name, $"\"{property}\" must be an array of \"user:ID\" or \"group:NAME\" strings");
        }

        var subjects = new List<string>();
        foreach (var item in list.EnumerateArray())
        {
            var subject = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText();
            if (!IsSubject(subject))
            {
                throw Invalid(name, $"\"{subject}\" in \"{property}\" is not \"user:ID\" or \"group:NAME\"");
            }

            subjects.Add(subject);
        }

        return [.. subjects.Distinct(StringComparer.Ordinal)];
    }

    internal static bool IsSubject(string subject)
    {
        var colon = subject.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || subject[..colon] is not ("user" or "group") || colon == subject.Length - 1)
        {
            return false;
        }

        foreach (var c in subject.AsSpan(colon + 1))
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    private static DocumentParseException Invalid(string name, string detail) => new($"invalid ACL file {name}: {detail}");
}
