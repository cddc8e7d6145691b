using Lodestar.Core;
using Lodestar.Server.Cluster;

namespace Lodestar.Server.Tests.Cluster;

public sealed class StoreSelectionTests
{
    [Theory]
    [InlineData("sqlite", null, StoreKind.Sqlite)]
    [InlineData("postgres", "Host=db", StoreKind.Postgres)]
    [InlineData("PostgreSQL", "Host=db", StoreKind.Postgres)]
    public void Resolve_KnownStore_Selects(string store, string? connection, StoreKind expected)
    {
        Assert.Equal(expected, StoreSelection.Resolve(store, connection).Kind);
    }

    [Theory]
    [InlineData("oracle", "Host=db")]
    [InlineData("postgres", " ")]
    public void Resolve_BadSelection_IsInvalid(string store, string connection)
    {
        var error = Assert.Throws<LodestarException>(() => StoreSelection.Resolve(store, connection));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }
}
