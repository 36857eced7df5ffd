using Microsoft.Data.Sqlite;
using SweepCluster.Cluster.Persistence;

namespace SweepCluster.Sessions;

/// <summary>Checks a SQLite journal before Akka.Persistence opens it, so that a damaged or foreign file is reported in
/// one sentence and left untouched, and puts a new journal in WAL mode (one fsync per commit instead of two).</summary>
public static class SqliteJournalFile
{
    public static void Prepare(string file, bool mustExist)
    {
        if (!File.Exists(file))
        {
            if (mustExist)
                throw new JournalException($"{file} is missing, so the sweep cannot be resumed; restore it from a backup, or start a new sweep in another folder with run SPEC --force-new.");
            Execute(file, "PRAGMA journal_mode=WAL;", SqliteOpenMode.ReadWriteCreate);
            return;
        }
        string check;
        try
        {
            check = Execute(file, "PRAGMA quick_check;", SqliteOpenMode.ReadWrite);
        }
        catch (SqliteException e)
        {
            throw Damaged(file, e.Message, e);
        }
        if (check != "ok") throw Damaged(file, check, null);
        Execute(file, "PRAGMA journal_mode=WAL;", SqliteOpenMode.ReadWrite);
    }

    private static JournalException Damaged(string file, string detail, Exception? inner) =>
        new($"{file} is not a readable sweep journal ({detail.TrimEnd('.')}); it was left as it is: restore it from a backup, or start a new sweep in another folder with run SPEC --force-new.", inner);

    private static string Execute(string file, string sql, SqliteOpenMode mode)
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString();
        using var db = new SqliteConnection(connection);
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
