using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using SweepCluster.Tests.Shared;

namespace SweepCluster.Training.Tests;

/// <summary>TorchSharp 0.107 frees a Scalar in its finalizer, and reads a Scalar argument's handle without keeping the
/// Scalar alive through the native call: a Scalar made on the fly (tensor + 1e-6, clamp_max(1.0), x.ToScalar() passed
/// straight on) can be freed by the finalizer thread while libtorch reads it. That failed packed trials under load
/// ("Expected false to be true" from c10's Scalar::toDouble). The training code compiles here, and every place where it
/// would make such a Scalar is listed: a scalar operand must be one the code holds (<c>Scalars</c> or a <c>using</c>).</summary>
public sealed class ScalarLifetimeTests
{
    [Fact]
    public void The_training_code_passes_libtorch_only_scalars_it_holds()
    {
        var compilation = TrainingCompilation();
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        Assert.True(errors.Count == 0, "the training sources did not compile here: " + string.Join("; ", errors));

        var found = compilation.SyntaxTrees
            .SelectMany(tree => UnheldScalars(compilation.GetSemanticModel(tree), tree))
            .ToList();
        // TorchSharp's Adam makes its Scalars inside step(); only trials with optimizer: adam take that risk (README).
        var adam = found.Where(f => f.StartsWith("AdamRule.cs:", StringComparison.Ordinal)).ToList();
        Assert.True(adam.Count == 1 && adam[0].Contains("_adam.step()", StringComparison.Ordinal), string.Join("\n", adam));
        var unheld = found.Except(adam).ToList();
        Assert.True(unheld.Count == 0, $"{unheld.Count} scalar(s) made on the fly:\n" + string.Join("\n", unheld));
    }

    [Fact]
    public void The_check_finds_each_way_of_making_a_scalar_on_the_fly()
    {
        const string source = """
            using TorchSharp;
            using static TorchSharp.torch;
            static class Sample
            {
                static readonly Scalar Held = 1.0.ToScalar();
                static void Run(Tensor t, double k)
                {
                    var a = t + 1e-6;
                    var b = t.clamp_max(1.0);
                    var c = t.mul(k.ToScalar());
                    using var d = k.ToScalar();
                    var e = t.mul(d).add(Held);
                    var f = t.add_(e);
                    var g = t.square();
                    var h = t.add_(e, Held).pow(Held);
                }
            }
            """;
        var compilation = Compile([CSharpSyntaxTree.ParseText(source, Parse, path: "Sample.cs")]);
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == "Sample.cs");
        var found = UnheldScalars(compilation.GetSemanticModel(tree), tree).ToList();
        // t + 1e-6, clamp_max(1.0), k.ToScalar(), add(Held) (x.add(s) is x.add(s, 1)), add_(e) and square().
        Assert.Equal(6, found.Count);
        Assert.Contains(found, f => f.Contains("t + 1e-6", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("1.0", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("k.ToScalar()", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("t.add_(e)", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Contains("t.square()", StringComparison.Ordinal));
    }

    private static readonly CSharpParseOptions Parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);

    private static CSharpCompilation TrainingCompilation()
    {
        string root = Path.Combine(TestRepository.Root, "src", "SweepCluster.Training");
        var trees = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), Parse, path: f));
        return Compile(trees);
    }

    /// <summary>Compiled against the runtime and the assemblies beside this test (TorchSharp, Core: what the training
    /// assembly references, less the training assembly itself), with the training project's implicit usings.</summary>
    private static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees)
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Where(f => !Path.GetFileName(f).StartsWith("SweepCluster.Training", StringComparison.Ordinal));
        var references = platform.Concat(local).DistinctBy(Path.GetFileName).Select(f => MetadataReference.CreateFromFile(f));
        var usings = CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Threading; global using System.Threading.Tasks;",
            Parse, path: "ImplicitUsings.cs");
        return CSharpCompilation.Create("Training", trees.Append(usings), references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>Each place the code makes a Scalar it does not hold: a number converted to a Scalar where it is passed, a
    /// tensor operator with a number operand (TorchSharp makes the Scalar inside), or a ToScalar() result that is passed
    /// on instead of kept in a variable or field.</summary>
    private static IEnumerable<string> UnheldScalars(SemanticModel model, SyntaxTree tree)
    {
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            switch (model.GetOperation(node))
            {
                case IArgumentOperation { Value: IConversionOperation { OperatorMethod: { } method } conversion }
                    when IsScalar(method.ContainingType):
                    yield return Where(node, $"{conversion.Operand.Syntax} becomes a Scalar where it is passed");
                    break;
                case IBinaryOperation { OperatorMethod: { } method } binary when MakesScalar(method):
                    yield return Where(node, $"{binary.Syntax} makes a Scalar inside TorchSharp's {method.Name}");
                    break;
                case IUnaryOperation { OperatorMethod: { } method } unary when MakesScalar(method):
                    yield return Where(node, $"{unary.Syntax} makes a Scalar inside TorchSharp's {method.Name}");
                    break;
                case IInvocationOperation { TargetMethod: var method } call when call.Syntax == node && MakesScalar(method):
                    yield return Where(node, $"{call.Syntax} makes a Scalar inside TorchSharp's {method.Name}");
                    break;
                case IInvocationOperation { TargetMethod.Name: "ToScalar" } invocation
                    when invocation.Syntax == node && !IsKept(invocation):
                    yield return Where(node, $"{invocation.Syntax} is passed on, not kept");
                    break;
            }
        }
    }

    private static bool MakesScalar(IMethodSymbol method)
    {
        var original = method.ReducedFrom ?? method.OriginalDefinition;
        return TorchSharpScalarMakers.Signatures.Contains(TorchSharpScalarMakers.Signature(
            original.ContainingType.ToDisplayString(), original.Name, original.Parameters.Select(p => ParameterTypeName(p.Type))));
    }

    /// <summary>A parameter type's name as reflection's Type.Name writes it ("Int32", "Nullable`1", "Int64[]").</summary>
    private static string ParameterTypeName(ITypeSymbol type) =>
        type is IArrayTypeSymbol array ? ParameterTypeName(array.ElementType) + "[]" : type.MetadataName;

    private static bool IsKept(IOperation operation) =>
        operation.Parent is IVariableInitializerOperation or IFieldInitializerOperation or ISimpleAssignmentOperation;

    private static bool IsScalar(ITypeSymbol type) => type.ToDisplayString() == "TorchSharp.Scalar";

    private static bool IsTensor(ITypeSymbol type) => type.ToDisplayString() == "TorchSharp.torch.Tensor";

    private static string Where(SyntaxNode node, string what)
    {
        var line = node.GetLocation().GetLineSpan();
        return $"{Path.GetFileName(line.Path)}:{line.StartLinePosition.Line + 1}: {what}";
    }
}
