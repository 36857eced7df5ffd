using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;
using SweepCluster.Cluster.Coordinator;
using SweepCluster.Cluster.Messages;
using SweepCluster.Cluster.Serialization;

namespace SweepCluster.Cluster.Hosting;

/// <summary>The shared part of every node's actor system: remoting, clustering, split brain resolver, serializer,
/// and the proxy through which every node reaches the coordinator singleton.</summary>
public static class SweepClusterHosting
{
    /// <summary>Call first, before <c>AddSweepCoordinator</c> and <c>AddTrialWorkers</c>: they use the proxy it registers.</summary>
    public static AkkaConfigurationBuilder ConfigureSweepCluster(this AkkaConfigurationBuilder builder, SweepClusterOptions options)
    {
        // First and prepended: every typed option below is added later and so overrides a key repeated in the file.
        builder.AddHocon(ClusterHocon.Load(), HoconAddMode.Prepend);

        // HostName is the socket's address (possibly 0.0.0.0), PublicHostName the one written in this node's address,
        // which other nodes dial and which must match their seed.
        var remoting = new RemoteOptions
        {
            HostName = options.Host,
            Port = options.Port,
            PublicHostName = options.PublicHost,
        };
        if (options.Tls is { } tls)
        {
            remoting.EnableSsl = true;
            remoting.Ssl = new SslOptions
            {
                X509Certificate = tls.Certificate,
                // Both sides present a certificate, and the server refuses a client that presents none.
                RequireMutualAuthentication = true,
                SuppressValidation = false,
                ValidateCertificateHostname = false,
                CustomValidator = tls.Validator(),
            };
        }
        builder.WithRemoting(remoting);

        builder.WithClustering(new ClusterOptions
        {
            Roles = options.Roles,
            SeedNodes = options.SeedNodes,
            // Keep-oldest fits a singleton coordinator: the side holding the oldest node (the coordinator, which is
            // the seed and so the oldest) survives however many workers are lost, whereas keep-majority downs the
            // coordinator whenever it is in the smaller part. Not down-if-alone: when the coordinator is lost, the
            // workers down themselves instead of carrying on in a cluster with no coordinator; the worker command
            // then starts a fresh node that joins the restarted coordinator. No role filter: with a single
            // coordinator-role node it would always count as "alone".
            SplitBrainResolver = new KeepOldestOption { DownIfAlone = false },
            FailureDetector = new PhiAccrualFailureDetectorOptions
            {
                HeartbeatInterval = TimeSpan.FromSeconds(1),
                AcceptableHeartbeatPause = TimeSpan.FromSeconds(3),
            },
        });

        builder.AddSweepSerializer();

        // Every node, coordinator or not, talks to the coordinator through this proxy: it finds the singleton
        // wherever it runs and buffers messages while it starts or moves.
        builder.WithSingletonProxy<SweepCoordinator>(SweepCoordinator.SingletonName, SweepCoordinatorHosting.CoordinatorSingletonOptions());

        if (options.SeedNodes.Length == 0)
        {
            // No seeds: this node is a cluster of its own (the one-process `run`).
            builder.AddStartup((system, _) =>
            {
                var cluster = Akka.Cluster.Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
        }
        return builder;
    }

    /// <summary>The JSON serializer for messages, journal events and snapshots; a journal-only system needs it too.</summary>
    public static AkkaConfigurationBuilder AddSweepSerializer(this AkkaConfigurationBuilder builder) =>
        builder.WithCustomSerializer(SweepClusterSerializer.SerializerName, SweepClusterSerializer.BoundTypes,
            system => new SweepClusterSerializer(system));
}
