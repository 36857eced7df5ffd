using System.Text;
using SweepCluster.Core.Grid;
using SweepCluster.Core.Spec;

namespace SweepCluster.Core.Tests.Spec;

/// <summary>Random edits of valid specs: whatever the text, the loader and expander either succeed or throw a
/// one-line <see cref="UserInputException"/>. A fixed seed keeps a failure reproducible.</summary>
public sealed class SpecFuzzTests
{
    private const string Alphabet = "[]{}:,-&*!|>'\"#%@`? \n\t0123456789.eE+_abcdxz~\\";

    private const string Valid = """
        name: fuzz
        dataset: {kind: synthetic, classes: 3, class_subset: [1, 2]}
        model:
          activation: tanh
        training:
          optimizer: sgld
          clip: 2
          epochs: 3
        information:
          eval_points: 64
        grid:
          depth: &d [1, 2]
          width: *d
          act_noise: [0, 0.5]
          sgld_noise: 0.01
          label_noise: 0.1
        seeds: [0, 4]
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_edits_of_a_valid_spec_only_ever_give_one_line_user_errors(int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < 1500; i++)
        {
            string yaml = Mutate(random.Next(5) == 0 ? "" : Valid, random);
            var error = Record.Exception(() => GridExpander.Expand(SpecLoader.Parse(yaml, "/specs/fuzz.yaml")));
            if (error is null) continue;
            Assert.True(error is UserInputException, $"{error.GetType().Name} escaped for input:\n{yaml}\n{error}");
            Assert.DoesNotContain('\n', error.Message);
            Assert.StartsWith("fuzz.yaml", error.Message);
        }
    }

    private static string Mutate(string text, Random random)
    {
        var result = new StringBuilder(text);
        for (int edit = random.Next(1, 7); edit > 0; edit--)
        {
            int at = result.Length == 0 ? 0 : random.Next(result.Length);
            switch (random.Next(4))
            {
                case 0 when result.Length > 0:
                    result.Remove(at, Math.Min(random.Next(1, 5), result.Length - at));
                    break;
                case 1 when result.Length > 0:
                    result[at] = Alphabet[random.Next(Alphabet.Length)];
                    break;
                case 2 when result.Length > 0:
                    result.Insert(random.Next(result.Length), result.ToString(at, Math.Min(random.Next(1, 30), result.Length - at)));
                    break;
                default:
                    for (int k = random.Next(1, 6); k > 0; k--) result.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
            }
        }
        return result.ToString();
    }
}
