using System.Data;

namespace Attune.Storage.Relational;

/// <summary>A NULL parameter value of a given type.</summary>
/// <param name="Type">The parameter's type.</param>
internal sealed record SqlNull(DbType Type)
{
    public static readonly SqlNull Double = new(DbType.Double);
}
