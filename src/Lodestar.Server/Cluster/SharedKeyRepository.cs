using System.Xml.Linq;
using Lodestar.Storage.Postgres.Secrets;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Lodestar.Server.Cluster;

/// <summary>
/// Data-protection keys (the console's cookie keys) in the shared database: a cookie issued by one node is read by
/// every other. The interface is synchronous; the runtime calls it only when it loads or rotates its key ring.
/// </summary>
internal sealed class SharedKeyRepository(PostgresKeyRing keys) : IXmlRepository
{
    private const string Ring = "data-protection";

    public IReadOnlyCollection<XElement> GetAllElements() =>
        keys.ListAsync(Ring).GetAwaiter().GetResult().Select(XElement.Parse).ToList();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        keys.AddAsync(Ring, friendlyName, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
    }
}
