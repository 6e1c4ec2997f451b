using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Platform.Messaging;

/// <summary>A plain ADO.NET command on a DbContext's connection and transaction (none: the statement commits on its own), with named parameters (for the outbox's and inbox's hot statements).</summary>
internal static class RawCommand
{
    public static DbCommand Create(DbContext db, IDbContextTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction?.GetDbTransaction();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
