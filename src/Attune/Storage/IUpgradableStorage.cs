namespace Attune.Storage;

/// <summary>
/// A storage whose on-disk schema has versions (relational databases): <c>attune storage upgrade</c> reads the
/// version and migrates it. Storages without a schema (memory, journal) do not implement it.
/// </summary>
public interface IUpgradableStorage : IStorage
{
    /// <summary>The schema version the storage holds now.</summary>
    string SchemaVersion { get; }

    /// <summary>The schema version this version of Attune writes.</summary>
    string LatestSchemaVersion { get; }

    /// <summary>Migrates the schema to <see cref="LatestSchemaVersion"/>, keeping every study and trial. Does nothing when it is current.</summary>
    /// <exception cref="InvalidOperationException">The schema is newer than this Attune knows, or the migration failed (and was rolled back).</exception>
    void UpgradeSchema();
}
