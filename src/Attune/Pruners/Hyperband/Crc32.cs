namespace Attune.Pruners;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum of Python's
/// <c>binascii.crc32</c>, which Optuna's Hyperband uses to put trials into brackets. Streaming: a
/// register can be fed a prefix once and continued many times.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The register before any byte.</summary>
    public const uint Initial = 0xFFFFFFFFu;

    /// <summary>Feeds <paramref name="bytes"/> to <paramref name="register"/>.</summary>
    public static uint Append(uint register, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            register = Table[(register ^ b) & 0xFF] ^ (register >> 8);
        }

        return register;
    }

    /// <summary>The checksum of a register.</summary>
    public static uint Finish(uint register) => ~register;

    /// <summary>The checksum of <paramref name="bytes"/>.</summary>
    public static uint Of(ReadOnlySpan<byte> bytes) => Finish(Append(Initial, bytes));

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
