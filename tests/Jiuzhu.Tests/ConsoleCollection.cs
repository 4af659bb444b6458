namespace Jiuzhu.Tests;

/// <summary>
/// Tests that swap Console.Out or Console.Error join this collection: the console is process-wide, so they must
/// not run alongside each other or anything else that writes to it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}
