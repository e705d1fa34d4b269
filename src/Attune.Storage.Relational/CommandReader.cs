using System.Collections;
using System.Data.Common;

namespace Attune.Storage.Relational;

/// <summary>A data reader that disposes its command with itself (some providers close the reader when the command is disposed).</summary>
internal sealed class CommandReader(DbCommand command, DbDataReader reader) : DbDataReader
{
    public override int Depth => reader.Depth;

    public override int FieldCount => reader.FieldCount;

    public override bool HasRows => reader.HasRows;

    public override bool IsClosed => reader.IsClosed;

    public override int RecordsAffected => reader.RecordsAffected;

    public override object this[int ordinal] => reader[ordinal];

    public override object this[string name] => reader[name];

    public override bool GetBoolean(int ordinal) => reader.GetBoolean(ordinal);

    public override byte GetByte(int ordinal) => reader.GetByte(ordinal);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => reader.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);

    public override char GetChar(int ordinal) => reader.GetChar(ordinal);

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => reader.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);

    public override string GetDataTypeName(int ordinal) => reader.GetDataTypeName(ordinal);

    public override DateTime GetDateTime(int ordinal) => reader.GetDateTime(ordinal);

    public override decimal GetDecimal(int ordinal) => reader.GetDecimal(ordinal);

    public override double GetDouble(int ordinal) => reader.GetDouble(ordinal);

    public override IEnumerator GetEnumerator() => reader.GetEnumerator();

    [return: System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicFields | System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties)]
    public override Type GetFieldType(int ordinal) => reader.GetFieldType(ordinal);

    public override float GetFloat(int ordinal) => reader.GetFloat(ordinal);

    public override Guid GetGuid(int ordinal) => reader.GetGuid(ordinal);

    public override short GetInt16(int ordinal) => reader.GetInt16(ordinal);

    public override int GetInt32(int ordinal) => reader.GetInt32(ordinal);

    public override long GetInt64(int ordinal) => reader.GetInt64(ordinal);

    public override string GetName(int ordinal) => reader.GetName(ordinal);

    public override int GetOrdinal(string name) => reader.GetOrdinal(name);

    public override string GetString(int ordinal) => reader.GetString(ordinal);

    public override object GetValue(int ordinal) => reader.GetValue(ordinal);

    public override int GetValues(object[] values) => reader.GetValues(values);

    public override bool IsDBNull(int ordinal) => reader.IsDBNull(ordinal);

    public override bool NextResult() => reader.NextResult();

    public override bool Read() => reader.Read();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            reader.Dispose();
            command.Dispose();
        }

        base.Dispose(disposing);
    }
}
