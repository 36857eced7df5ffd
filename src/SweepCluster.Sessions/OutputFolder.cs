using SweepCluster.Core;

namespace SweepCluster.Sessions;

/// <summary>Makes a new sweep's results folder, refusing in one sentence a folder that cannot be made or written
/// (a path under a regular file, a read-only file system) before the journal or any file is created in it.</summary>
internal static class OutputFolder
{
    /// <exception cref="UserInputException">The folder cannot be created or written.</exception>
    public static void Create(string dir)
    {
        if (File.Exists(dir))
            throw new UserInputException($"--out {dir} is a regular file, not a folder; give a folder path for the results.");
        string? blocking = RegularFileAbove(dir);
        if (blocking is not null)
            throw new UserInputException($"--out {dir} lies under {blocking}, which is a regular file, not a folder; give a folder path for the results.");
        try
        {
            Directory.CreateDirectory(dir);
            // Creating a folder that exists succeeds on a read-only file system; writing a file there does not.
            string probe = Path.Combine(dir, $".write-check-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"--out {dir} cannot be written ({e.Message.TrimEnd('.')}); give a folder on a writable file system.");
        }
    }

    private static string? RegularFileAbove(string dir)
    {
        for (string? parent = Path.GetDirectoryName(dir); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
            if (File.Exists(parent)) return parent;
        return null;
    }
}
