using SweepCluster.Cluster;
using SweepCluster.Core;
using SweepCluster.Sessions;

namespace SweepCluster.Cli.Tests.Sessions;

/// <summary>What a node binds and advertises, and when leaving loopback is allowed: checked before anything starts.</summary>
public sealed class NodeExposureTests
{
    private static UserInputException Refused(NodeOptions options) => Assert.Throws<UserInputException>(options.Validate);

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public void Every_interface_without_a_public_host_is_refused_naming_public_host(string host)
    {
        var error = Refused(new NodeOptions { Host = host, Insecure = true });
        Assert.Contains($"--host {host}", error.Message);
        Assert.Contains("--public-host", error.Message);
    }

    [Fact]
    public void A_wildcard_public_host_is_refused() =>
        Assert.Contains("--public-host '0.0.0.0'", Refused(new NodeOptions { Host = "0.0.0.0", PublicHost = "0.0.0.0", Insecure = true }).Message);

    [Theory]
    [InlineData("10.0.0.5", null)]
    [InlineData("0.0.0.0", "10.0.0.5")]
    [InlineData("coordinator", null)]
    public void Off_loopback_without_tls_is_refused_unless_insecure(string host, string? publicHost)
    {
        var error = Refused(new NodeOptions { Host = host, PublicHost = publicHost });
        Assert.Contains("--tls-cert", error.Message);
        Assert.Contains("--insecure", error.Message);

        var insecure = new NodeOptions { Host = host, PublicHost = publicHost, Insecure = true };
        insecure.Validate();
        Assert.True(insecure.ExposedWithoutTls);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("::1")]
    public void Loopback_needs_neither_tls_nor_insecure(string host)
    {
        var options = new NodeOptions { Host = host };
        options.Validate();
        Assert.False(options.ExposedWithoutTls);
    }

    [Fact]
    public void A_bundle_without_its_password_in_the_environment_is_refused_naming_the_variable()
    {
        var error = Refused(new NodeOptions { TlsCertificateFile = "node.p12", TlsPassword = null });
        Assert.Contains("--tls-cert node.p12", error.Message);
        Assert.Contains("SWEEPCLUSTER_TLS_PASSWORD", error.Message);
    }

    [Fact]
    public void A_ca_without_a_bundle_is_refused() =>
        Assert.Contains("--tls-ca needs --tls-cert", Refused(new NodeOptions { TlsAuthorityFile = "ca.crt" }).Message);

    [Fact]
    public void Off_loopback_with_a_bundle_needs_no_insecure() =>
        new NodeOptions { Host = "0.0.0.0", PublicHost = "10.0.0.5", TlsCertificateFile = "node.p12", TlsPassword = "x" }.Validate();

    [Theory]
    [InlineData("akka.tcp://sweepcluster@127.0.0.1:4053", true, "--tls-cert")]
    [InlineData("akka.ssl.tcp://sweepcluster@127.0.0.1:4053", false, "akka.ssl.tcp")]
    public void A_seed_speaking_the_other_protocol_is_refused(string seed, bool tls, string mentions)
    {
        var options = new NodeOptions { Roles = [SweepRoles.Worker], SeedNodes = [seed], TlsCertificateFile = tls ? "node.p12" : null, TlsPassword = "x" };
        Assert.Contains(mentions, Refused(options).Message);
    }

    [Theory]
    [InlineData("127.0.0.1", null, "127.0.0.1")]
    [InlineData("::1", null, "::1")]
    [InlineData("10.0.0.5", null, "127.0.0.1")]
    [InlineData("10.0.0.5", "0.0.0.0", "0.0.0.0")]
    public void Metrics_stay_on_loopback_unless_a_metrics_host_is_given(string host, string? metricsHost, string expected)
    {
        var options = new NodeOptions { Host = host, MetricsHost = metricsHost, Insecure = true, Slots = 1, Devices = "cpu" };
        Assert.Equal(expected, options.Build([], 2).MetricsHost);
    }
}
