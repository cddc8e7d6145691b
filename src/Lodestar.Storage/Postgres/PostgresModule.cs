namespace Lodestar.Storage.Postgres;

/// <summary>A named part of the schema with its ordered migrations (version n is <c>Migrations[n - 1]</c>; never edit a shipped one).</summary>
internal sealed record PostgresModule(string Name, IReadOnlyList<string> Migrations);
