using Akka.Hosting;
using Akka.Persistence.Hosting;
using Akka.Persistence.Sql.Hosting;
using SweepCluster.Cluster.Hosting;

namespace SweepCluster.Cluster.Persistence;

/// <summary>Makes a journal the actor system's default journal and snapshot store (Akka.Persistence.Sql), with the
/// query side that <see cref="SweepJournalReader"/> uses. The tables are created on first use.</summary>
public static class SweepJournalHosting
{
    public static AkkaConfigurationBuilder WithSweepJournal(this AkkaConfigurationBuilder builder, JournalSettings journal) =>
        builder
            .AddSweepSerializer()
            .WithSqlPersistence(journal.ConnectionString, journal.ProviderName, PersistenceMode.Both, autoInitialize: true);
}
