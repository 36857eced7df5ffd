using Akka.Hosting;
using Akka.Persistence.Hosting;
using Akka.Persistence.Sql.Hosting;
using SweepCluster.Cluster.Hosting;

namespace SweepCluster.Cluster.Persistence;

/// <summary>Makes a journal the actor system's default journal and snapshot store (Akka.Persistence.Sql), with the
/// query side that <see cref="SweepJournalReader"/> uses, under the journal's deadlines. The tables are created on
/// first use.</summary>
public static class SweepJournalHosting
{
    /// <param name="createTables">False for a reader that must not write (`status`): the tables are then only read.</param>
    public static AkkaConfigurationBuilder WithSweepJournal(this AkkaConfigurationBuilder builder, JournalSettings journal, bool createTables = true) =>
        builder
            .AddSweepSerializer()
            .WithSqlPersistence(journal.ConnectionString, journal.ProviderName, PersistenceMode.Both, autoInitialize: createTables)
            .WithJournalDeadlines(journal);
}
