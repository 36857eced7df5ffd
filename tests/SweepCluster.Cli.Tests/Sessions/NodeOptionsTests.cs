using SweepCluster.Cluster;
using SweepCluster.Core;
using SweepCluster.Sessions;

namespace SweepCluster.Cli.Tests.Sessions;

public sealed class NodeOptionsTests
{
    [Fact]
    public void Defaults_are_one_loopback_process_playing_every_role()
    {
        var options = new NodeOptions();
        options.Validate();
        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal([SweepRoles.Coordinator, SweepRoles.Worker], options.Roles);
        Assert.Empty(options.SeedNodes);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Lease);
    }

    [Fact]
    public void A_worker_node_with_a_coordinator_seed_is_valid() =>
        new NodeOptions { Roles = [SweepRoles.Worker], SeedNodes = ["akka.tcp://sweepcluster@127.0.0.1:4053"] }.Validate();

    [Fact]
    public void Slots_train_packs_of_the_default_size_unless_told_otherwise()
    {
        var configuration = new NodeOptions { Slots = 1, Devices = "cpu" }.Build([], cores: 1);
        Assert.Equal(PackSize.Default, configuration.Workers.PackSize);
        Assert.Equal(1, new NodeOptions { Slots = 1, Devices = "cpu", PackSize = 1 }.Build([], cores: 1).Workers.PackSize);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(PackSize.Max + 1)]
    public void A_pack_size_outside_1_to_64_is_refused_in_one_sentence(int packSize)
    {
        var error = Assert.Throws<UserInputException>(new NodeOptions { PackSize = packSize }.Validate);
        Assert.Equal($"--pack-size {packSize} is not a pack size; give a whole number from 1 (one trial at a time) to {PackSize.Max}.", error.Message);
    }

    [Theory]
    [InlineData("worker", "", "--seed ")]
    [InlineData("worker", "127.0.0.1:4053", "is not an address")]
    [InlineData("worker", "akka.tcp://other@127.0.0.1:4053", "same name")]
    [InlineData("trainer", "", "Role 'trainer'")]
    public void Invalid_options_are_refused_in_one_sentence(string role, string seed, string mentions)
    {
        var options = new NodeOptions { Roles = [role], SeedNodes = seed.Length == 0 ? [] : [seed] };
        var error = Assert.Throws<UserInputException>(options.Validate);
        Assert.Contains(mentions, error.Message);
    }
}
