using System.Reflection;
using System.Reflection.Emit;
using TorchSharp;

namespace SweepCluster.Training.Tests;

/// <summary>The TorchSharp methods that make a Scalar inside and do not dispose it (x.add_(y) is x.add_(y, 1), x.square()
/// is x.pow(2)), read from TorchSharp's own IL, with every method that calls one of them: calling any of these leaves
/// a Scalar to the finalizer, which may free it while libtorch reads it.</summary>
internal static class TorchSharpScalarMakers
{
    // Before Signatures: static fields start in order.
    private static readonly IReadOnlyDictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>"Type.Name(ParameterType, ...)" of each such method, type names as reflection writes them with '+' as '.'.</summary>
    public static IReadOnlySet<string> Signatures { get; } = Find(typeof(torch).Assembly);

    public static string Signature(string type, string name, IEnumerable<string> parameterTypes) =>
        $"{type.Replace('+', '.')}.{name}({string.Join(", ", parameterTypes)})";

    private static HashSet<string> Find(Assembly torchSharp)
    {
        var makers = new HashSet<MethodBase>();
        var callees = new Dictionary<MethodBase, List<MethodBase>>();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in torchSharp.GetTypes())
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                var (calls, makes, disposes) = Calls(method);
                if (makes && !disposes) makers.Add(method);
                callees[method] = calls;
            }
        // A method that calls a maker makes a Scalar as surely as the maker does.
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (var (method, calls) in callees)
                if (!makers.Contains(method) && calls.Any(makers.Contains)) grew = makers.Add(method) | true;
        }
        return makers.Select(m => Signature(m.DeclaringType!.FullName!, m.Name, m.GetParameters().Select(p => p.ParameterType.Name))).ToHashSet();
    }

    /// <summary>The methods a method's IL calls (Scalar's makers and Dispose apart), and whether it makes or disposes a Scalar.</summary>
    private static (List<MethodBase> Calls, bool Makes, bool Disposes) Calls(MethodBase method)
    {
        var calls = new List<MethodBase>();
        bool makes = false, disposes = false;
        byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
        for (int i = 0; il is not null && i < il.Length;)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            if (op.OperandType == OperandType.InlineMethod
                && method.Module.ResolveMethod(BitConverter.ToInt32(il, i), method.DeclaringType?.GetGenericArguments(),
                    method.IsGenericMethod ? method.GetGenericArguments() : null) is { } callee)
            {
                if (IsScalarMaker(callee)) makes = true;
                else if (callee.DeclaringType == typeof(Scalar) && callee.Name == nameof(Scalar.Dispose)) disposes = true;
                else calls.Add(callee is MethodInfo { IsGenericMethod: true } generic ? generic.GetGenericMethodDefinition() : callee);
            }
            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
        }
        return (calls, makes, disposes);
    }

    private static bool IsScalarMaker(MethodBase method) =>
        method.DeclaringType == typeof(Scalar) && method.Name == "op_Implicit"
        || method.DeclaringType == typeof(ScalarExtensionMethods) && method.Name.StartsWith("To", StringComparison.Ordinal) && method.Name.EndsWith("Scalar", StringComparison.Ordinal);
}
