using System.Text;

namespace Lodestar.Cli.Tests.LeakTest;

/// <summary>
/// A random organisation for the leak test: users in groups, a folder tree with folder and file ACL sidecars
/// (allow and deny), documents made of made-up words, and ACL overrides. The oracle (<see cref="CanRead"/>)
/// applies the contract's rules on its own — nearest sidecar wins, no ACL means the whole tenant, deny wins,
/// an override replaces the sidecars — without calling any Lodestar code.
/// </summary>
internal sealed class LeakWorld
{
    public const string Tenant = "default";
    private readonly Dictionary<string, Acl> _folderAcls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Acl> _fileAcls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Acl> _overrides = new(StringComparer.Ordinal);

    private LeakWorld(Random random, int users, int groups, int documents)
    {
        Random = random;
        Groups = Enumerable.Range(0, groups).Select(i => $"g{i:D3}").ToList();
        for (var i = 0; i < users; i++)
        {
            var memberOf = Groups.OrderBy(_ => random.Next()).Take(random.Next(0, 4)).ToList();
            // A few auditors and curators: auditors may not search at all, curators read by ACL like members.
            var role = i % 37 == 5 ? "auditor" : i % 11 == 3 ? "curator" : "member";
            Users.Add(new User($"u{i:D4}", memberOf, role));
        }

        Vocabulary = MakeVocabulary(random, 150);
        var folders = new List<string> { string.Empty };
        for (var a = 0; a < 6; a++)
        {
            folders.Add($"d{a}");
            for (var b = 0; b < 3; b++)
            {
                folders.Add($"d{a}/e{b}");
                for (var c = 0; c < 2; c++)
                {
                    folders.Add($"d{a}/e{b}/f{c}");
                }
            }
        }

        foreach (var folder in folders.Where(f => f.Length > 0 && random.NextDouble() < 0.35))
        {
            _folderAcls[folder] = RandomAcl();
        }

        for (var i = 0; i < documents; i++)
        {
            var folder = folders[random.Next(folders.Count)];
            var path = (folder.Length == 0 ? string.Empty : folder + "/") + $"doc{i:D5}.md";
            var words = Enumerable.Range(0, 24).Select(_ => Vocabulary[random.Next(Vocabulary.Count)]).ToList();
            Documents.Add(new Document(path, $"doc{i:D5}", words.ToHashSet(StringComparer.Ordinal)));
            if (random.NextDouble() < 0.2)
            {
                _fileAcls[path] = RandomAcl();
            }
        }
    }

    public Random Random { get; }

    public List<User> Users { get; } = [];

    public IReadOnlyList<string> Groups { get; }

    public IReadOnlyList<string> Vocabulary { get; }

    public List<Document> Documents { get; } = [];

    public static LeakWorld Create(int seed, int users, int groups, int documents) => new(new Random(seed), users, groups, documents);

    /// <summary>Writes the documents and sidecars under <paramref name="root"/>.</summary>
    public void WriteTo(string root)
    {
        foreach (var (folder, acl) in _folderAcls)
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
            File.WriteAllText(Path.Combine(root, folder, "_acl.json"), acl.ToJson());
        }

        foreach (var document in Documents)
        {
            var file = Path.Combine(root, document.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, $"# {document.Marker}\n\n{string.Join(' ', document.Words)} {document.Marker}.\n");
            if (_fileAcls.TryGetValue(document.Path, out var acl))
            {
                File.WriteAllText(file + ".acl.json", acl.ToJson());
            }
        }
    }

    /// <summary>Picks documents to override and records the ACL the oracle must apply to them.</summary>
    public IReadOnlyList<(Document Document, Acl Acl)> ChooseOverrides(int count)
    {
        var chosen = Documents.OrderBy(_ => Random.Next()).Take(count).Select(d => (d, RandomAcl())).ToList();
        foreach (var (document, acl) in chosen)
        {
            _overrides[document.Path] = acl;
        }

        return chosen;
    }

    public bool CanRead(User user, string path)
    {
        if (user.Role == "auditor")
        {
            return false;
        }

        var acl = EffectiveAcl(path);
        if (acl is null)
        {
            return true;
        }

        var subjects = user.Groups.Select(g => "group:" + g).Append("user:" + user.Id).ToHashSet(StringComparer.Ordinal);
        return !acl.Deny.Any(subjects.Contains) && (acl.Allow.Count == 0 || acl.Allow.Any(subjects.Contains));
    }

    private Acl? EffectiveAcl(string path)
    {
        if (_overrides.TryGetValue(path, out var overridden))
        {
            return overridden;
        }

        if (_fileAcls.TryGetValue(path, out var own))
        {
            return own;
        }

        for (var folder = Parent(path); folder.Length > 0; folder = Parent(folder))
        {
            if (_folderAcls.TryGetValue(folder, out var inherited))
            {
                return inherited;
            }
        }

        return null;
    }

    private static string Parent(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path[..slash] : string.Empty;

    private Acl RandomAcl()
    {
        var allow = Random.NextDouble() < 0.2 ? [] : Enumerable.Range(0, Random.Next(1, 5)).Select(_ => RandomSubject()).Distinct().ToList();
        var deny = Random.NextDouble() < 0.4 ? Enumerable.Range(0, Random.Next(1, 3)).Select(_ => RandomSubject()).Distinct().ToList() : [];
        return new Acl(allow, deny);
    }

    private string RandomSubject() =>
        Random.NextDouble() < 0.6 ? "group:" + Groups[Random.Next(Groups.Count)] : "user:" + Users[Random.Next(Users.Count)].Id;

    private static List<string> MakeVocabulary(Random random, int count)
    {
        // Made-up words ending in consonants no stemmer strips, so the index and the oracle agree on terms.
        const string consonants = "bdfgklmnprtvz";
        const string vowels = "aeiou";
        const string endings = "kmpvxz";
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (words.Count < count)
        {
            var word = new StringBuilder();
            word.Append(consonants[random.Next(consonants.Length)]).Append(vowels[random.Next(vowels.Length)])
                .Append(consonants[random.Next(consonants.Length)]).Append(vowels[random.Next(vowels.Length)])
                .Append(endings[random.Next(endings.Length)]);
            words.Add(word.ToString());
        }

        return [.. words.Order(StringComparer.Ordinal)];
    }

    internal sealed record User(string Id, IReadOnlyList<string> Groups, string Role);

    internal sealed record Document(string Path, string Marker, IReadOnlySet<string> Words);

    internal sealed record Acl(IReadOnlyList<string> Allow, IReadOnlyList<string> Deny)
    {
        public string ToJson() =>
            "{\"allow\":[" + string.Join(',', Allow.Select(s => $"\"{s}\"")) + "],\"deny\":[" + string.Join(',', Deny.Select(s => $"\"{s}\"")) + "]}";

        public string AllowOption => string.Join(',', Allow);

        public string DenyOption => string.Join(',', Deny);
    }
}
