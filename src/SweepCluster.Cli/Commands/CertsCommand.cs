using System.ComponentModel;
using Spectre.Console.Cli;
using SweepCluster.Cluster.Hosting;
using SweepCluster.Sessions.Tls;

namespace SweepCluster.Cli.Commands;

/// <summary>`sweepcluster certs DIR --node NAME...`: the cluster's CA (made once, reused after) and a PKCS#12 bundle per
/// node, protected by the password in SWEEPCLUSTER_TLS_PASSWORD.</summary>
internal sealed class CertsCommand : Command<CertsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("Folder for ca.p12 (the CA and its key: keep it off the nodes), ca.crt and NAME.p12 per node. An existing CA there is reused and existing node bundles are kept.")]
        public string Dir { get; init; } = "";

        [CommandOption("--node <NAME>")]
        [Description("A node to issue a bundle for, by its host name (repeat it: --node coordinator --node worker-1).")]
        public string[] Nodes { get; init; } = [];
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        string folder = Path.GetFullPath(settings.Dir);
        var result = CertificateFolder.Create(folder, settings.Nodes,
            Environment.GetEnvironmentVariable(NodeTlsFiles.PasswordVariable), SweepClusterOptions.DefaultActorSystemName);
        Console.WriteLine(result.AuthorityCreated
            ? $"new cluster CA in {folder}: {CertificateFolder.AuthorityBundle} (keep it off the nodes) and {CertificateFolder.AuthorityCertificate}"
            : $"cluster CA reused from {Path.Combine(folder, CertificateFolder.AuthorityBundle)}");
        foreach (var file in result.Written.Where(f => f.EndsWith(".p12", StringComparison.Ordinal) && f != CertificateFolder.AuthorityBundle))
            Console.WriteLine($"issued {Path.Combine(folder, file)}");
        foreach (var file in result.Kept)
            Console.WriteLine($"kept {Path.Combine(folder, file)} (it exists; delete it to issue a new one)");
        Console.WriteLine($"start each node with --tls-cert {Path.Combine(folder, "NAME.p12")} and the same {NodeTlsFiles.PasswordVariable}.");
        return 0;
    }
}
