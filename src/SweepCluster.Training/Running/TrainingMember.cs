using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Model;
using static TorchSharp.torch;

namespace SweepCluster.Training.Running;

/// <summary>One trial in a training pack: its model (initialized from its seed, holding its noise generator), its
/// training set as tensors on the pack's device, its configuration, where its progress goes and its checkpoint.</summary>
internal sealed record TrainingMember(
    NoisyMlp Model, Tensor Features, Tensor Labels, TrialConfig Config,
    IProgress<TrialProgress>? Progress = null, TrainingCheckpoint? Checkpoint = null);
