using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace SweepCluster.Training.Running;

/// <summary>Sets the environment libtorch's native code reads when it starts: reproducible matrix products and
/// OpenMP threads that yield to a busy machine.</summary>
/// <remarks>
/// <para>libtorch's CPU build links Intel MKL, whose sgemm picks its code path and its split of the work at run time:
/// the same product then differed in the last bits from one call to the next on a busy machine, and a trial's losses
/// with it. MKL's strict conditional numerical reproducibility (MKL_CBWR with STRICT, on the AVX2 branch) makes gemm
/// bit-identical from run to run and for any number of threads.</para>
/// <para>libgomp's threads spin at every barrier by default. With more runnable threads than cores (other work, other
/// slots, a test suite) a spinning thread holds the core its partner needs: a 12-trial sweep that took 31 s with
/// passive waiting did not finish in 150 s with spinning, beside four busy processes on 2 cores.</para>
/// <para>Both are read from the process environment when the native libraries start, and .NET's
/// Environment.SetEnvironmentVariable does not reach that environment on Linux, so they are set through libc from
/// this assembly's initializer, before any code of this assembly can touch TorchSharp. A value the user set is kept.</para>
/// </remarks>
public static class NativeTorchEnvironment
{
    private const string MklVariable = "MKL_CBWR";
    private const string OpenMpWaitVariable = "OMP_WAIT_POLICY";

    /// <summary>The value given to MKL_CBWR: the AVX2 branch in strict mode where the processor has AVX2, otherwise the
    /// compatible branch, which is reproducible everywhere (and slower).</summary>
    public static string MklBranch => Avx2.IsSupported && Fma.IsSupported ? "AVX2,STRICT" : "COMPATIBLE";

    /// <summary>The MKL_CBWR value in force for the native code of this process.</summary>
    public static string? MklSetting => Marshal.PtrToStringAnsi(getenv(MklVariable));

    /// <summary>The OMP_WAIT_POLICY value in force for the native code of this process.</summary>
    public static string? OpenMpWaitSetting => Marshal.PtrToStringAnsi(getenv(OpenMpWaitVariable));

    /// <summary>Sets both variables unless they are set. Runs as this assembly's initializer; code that may reach
    /// TorchSharp before any type of this assembly (a test assembly's own initializer) calls it too. Idempotent.</summary>
#pragma warning disable CA2255 // An initializer is the one hook that runs before any caller can reach TorchSharp through this assembly.
    [ModuleInitializer]
#pragma warning restore CA2255
    public static void Configure()
    {
        setenv(MklVariable, MklBranch, overwrite: 0);
        setenv(OpenMpWaitVariable, "PASSIVE", overwrite: 0);
    }

    [DllImport("libc", CharSet = CharSet.Ansi)]
    private static extern int setenv(string name, string value, int overwrite);

    [DllImport("libc", CharSet = CharSet.Ansi)]
    private static extern IntPtr getenv(string name);
}
