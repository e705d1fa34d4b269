using System.CommandLine;
using Attune.Storage;

namespace Attune.Cli;

/// <summary><c>attune storage upgrade</c>: brings a storage's schema to the current version.</summary>
internal static class StorageCommand
{
    public static Command Create(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var upgrade = new Command("upgrade", "Upgrade the storage's schema to the version this Attune writes (a journal file has none and is left as it is).") { storage };
        upgrade.SetAction(result =>
        {
            var url = StorageOpener.Resolve(result.GetValue(storage));
            using var opened = StorageOpener.Open(url, mustExist: true);
            if (opened is not IUpgradableStorage upgradable)
            {
                console.Out.WriteLine($"{StorageUrl.Redact(url)}: this storage has no schema versions; nothing to upgrade.");
                return ExitCodes.Success;
            }

            var before = upgradable.SchemaVersion;
            if (before == upgradable.LatestSchemaVersion)
            {
                console.Out.WriteLine($"{StorageUrl.Redact(url)}: schema {before} is current.");
                return ExitCodes.Success;
            }

            upgradable.UpgradeSchema();
            console.Out.WriteLine($"{StorageUrl.Redact(url)}: upgraded the schema from {before} to {upgradable.SchemaVersion}.");
            return ExitCodes.Success;
        });
        return new Command("storage", "Storage maintenance.") { upgrade };
    }
}
