using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace SweepCluster.Training.Running;

/// <summary>Makes libtorch's CPU matrix products bit-reproducible before libtorch is loaded.</summary>
/// <remarks>libtorch's CPU build links Intel MKL, whose sgemm picks its code path and its split of the work at run time:
/// the same product then differed in the last bits from one call to the next on a busy machine, and a trial's losses
/// with it. MKL's strict conditional numerical reproducibility (MKL_CBWR with STRICT, on the AVX2 branch) makes gemm
/// bit-identical from run to run and for any number of threads. MKL reads the variable from the process environment
/// when it starts, and .NET's Environment.SetEnvironmentVariable does not reach that environment on Linux, so it is
/// set through libc, from this assembly's initializer, before any code of this assembly can touch TorchSharp. A value
/// the user set is kept.</remarks>
public static class ReproducibleNativeMath
{
    private const string MklVariable = "MKL_CBWR";

    /// <summary>The value given to MKL_CBWR: the AVX2 branch in strict mode where the processor has AVX2, otherwise the
    /// compatible branch, which is reproducible everywhere (and slower).</summary>
    public static string MklBranch => Avx2.IsSupported && Fma.IsSupported ? "AVX2,STRICT" : "COMPATIBLE";

    /// <summary>The MKL_CBWR value in force for the native code of this process.</summary>
    public static string? MklSetting => Marshal.PtrToStringAnsi(getenv(MklVariable));

    /// <summary>Sets MKL_CBWR unless it is set. Runs as this assembly's initializer; code that may reach TorchSharp before
    /// any type of this assembly (a test assembly's own initializer) calls it too. Idempotent.</summary>
#pragma warning disable CA2255 // An initializer is the one hook that runs before any caller can reach TorchSharp through this assembly.
    [ModuleInitializer]
#pragma warning restore CA2255
    public static void Configure() => setenv(MklVariable, MklBranch, overwrite: 0);

    [DllImport("libc", CharSet = CharSet.Ansi)]
    private static extern int setenv(string name, string value, int overwrite);

    [DllImport("libc", CharSet = CharSet.Ansi)]
    private static extern IntPtr getenv(string name);
}
