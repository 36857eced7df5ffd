using SweepCluster.Core.Grid;
using SweepCluster.Core.Trials;
using SweepCluster.Training.Model;
using SweepCluster.Training.Optimization;
using static TorchSharp.torch;

namespace SweepCluster.Training.Running;

/// <summary>One trial's training state at the end of an epoch: the epoch, the mean losses so far, the noise
/// generator's state, every parameter and the update rule's state. With these, training continues exactly as if it
/// had never stopped; the batch orders, step sizes and noise levels of the finished epochs are recomputed from the
/// seed. Written to a temporary file and renamed over the old one, so a crash leaves the previous checkpoint whole.</summary>
internal sealed class TrainingCheckpoint(TrialId trial, TrialCheckpoints settings)
{
    private const string Magic = "sweepcluster-checkpoint-1";

    public string FilePath { get; } = Path.Combine(settings.Directory, $"{trial.Value}.ckpt");

    public bool IsDue(int epoch, int epochs) => epoch % settings.EveryEpochs == 0 && epoch < epochs;

    public void Save(int epoch, IReadOnlyList<double> epochLosses, NoisyMlp model, Generator noise, IUpdateRule rule)
    {
        Directory.CreateDirectory(settings.Directory);
        string temp = $"{FilePath}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new BinaryWriter(stream))
            {
                writer.Write(Magic);
                writer.Write(trial.Value);
                writer.Write(epoch);
                writer.Write(epochLosses.Count);
                foreach (double loss in epochLosses) writer.Write(loss);
                using (Tensor state = noise.get_state())
                {
                    byte[] bytes = state.data<byte>().ToArray();
                    writer.Write(bytes.Length);
                    writer.Write(bytes);
                }
                model.save(writer);
                rule.Save(writer);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, FilePath, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>The epoch the checkpoint was saved at, or null when there is none or it is not this trial's readable one.</summary>
    public int? SavedEpoch()
    {
        if (!File.Exists(FilePath)) return null;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(FilePath));
            return ReadEpoch(reader);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException)
        {
            return null;
        }
    }

    /// <summary>Restores the saved state into a freshly built model, generator and rule; returns the epoch and losses it
    /// holds, or null when there is no checkpoint (or one that is not this trial's or cannot be read, which is removed:
    /// the trial then starts over, as it would without checkpoints).</summary>
    public (int Epoch, List<double> EpochLosses)? TryRestore(NoisyMlp model, Generator noise, IUpdateRule rule)
    {
        if (!File.Exists(FilePath)) return null;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(FilePath));
            int epoch = ReadEpoch(reader) ?? throw new InvalidDataException("not this trial's checkpoint");
            var losses = Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadDouble()).ToList();
            using (Tensor state = tensor(reader.ReadBytes(reader.ReadInt32()), dtype: ScalarType.Byte))
                noise.set_state(state);
            model.load(reader);
            rule.Load(reader);
            return (epoch, losses);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or EndOfStreamException or ArgumentException)
        {
            Remove();
            return null;
        }
    }

    public void Remove() => File.Delete(FilePath);

    /// <summary>Reads the header <see cref="Save"/> writes first; its epoch, or null when it is not this trial's checkpoint.</summary>
    private int? ReadEpoch(BinaryReader reader) =>
        reader.ReadString() == Magic && reader.ReadString() == trial.Value ? reader.ReadInt32() : null;
}
