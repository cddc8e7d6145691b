namespace Lodestar.Models.Tracking;

/// <summary>
/// Blobs named by the SHA-256 of their bytes: run artifacts, registered versions' training data and model files.
/// <see cref="ContentAddressedStore"/> keeps them in the data directory (one node); the PostgreSQL store in
/// Lodestar.Storage keeps them in the database, so every node reads what any node wrote.
/// </summary>
public interface IContentStore
{
    /// <summary>Stores <paramref name="content"/> (complete or not at all) and returns its SHA-256 (lower-case hex) and length.</summary>
    Task<(string Sha256, long Length)> PutAsync(Stream content, CancellationToken cancellationToken = default);

    Task<bool> ContainsAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>A local file holding the content, for reading; NotFound when it was never stored, Invalid when it is corrupt.</summary>
    Task<string> LocateAsync(string sha256, CancellationToken cancellationToken = default);
}
