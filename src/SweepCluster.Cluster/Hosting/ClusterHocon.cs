using Akka.Configuration;

namespace SweepCluster.Cluster.Hosting;

/// <summary>cluster-config/akka.hocon, embedded at build time so a node finds it wherever it is started from.</summary>
internal static class ClusterHocon
{
    private const string ResourceName = "SweepCluster.Cluster.akka.hocon";

    public static Config Load()
    {
        using var stream = typeof(ClusterHocon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
