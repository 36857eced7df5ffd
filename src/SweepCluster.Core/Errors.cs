namespace SweepCluster.Core;

/// <summary>A mistake in what the user gave (a spec, a file, a flag). Its message is one sentence naming the
/// file, field and fix; the command line prints it alone and exits with code 2.</summary>
public sealed class UserInputException(string message, Exception? inner = null) : Exception(message, inner);
