using System.CommandLine;
using System.Text.Json;
using Jiuzhu.Data;

namespace Jiuzhu.Cli;

/// <summary>The `jiuzhu` command: serve, db, demo, regions, audit and batch jobs.</summary>
public static class JiuzhuCommandLine
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        // Chinese names stay readable in the output; this is a terminal, not an HTML page.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>Builds the command tree. <paramref name="serve"/> runs the web host with the given arguments.</summary>
    public static RootCommand Create(Func<string[], Task<int>> serve)
    {
        var root = new RootCommand("救助 Jiuzhu：服务类社会救助平台 / service-type social assistance platform");

        var serveCommand = new Command("serve", "启动网站与接口 / run the web platform (default when no command is given)")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serveCommand.SetAction((result, _) => serve([.. result.UnmatchedTokens]));
        root.Subcommands.Add(serveCommand);

        root.Subcommands.Add(DbCommands.Create());
        root.Subcommands.Add(DemoCommands.Create());
        root.Subcommands.Add(UsersCommands.Create());
        foreach (var command in Extensions)
        {
            root.Subcommands.Add(command());
        }

        return root;
    }

    /// <summary>Runs <paramref name="args"/>: no command, or only options, means serve.</summary>
    public static Task<int> RunAsync(string[] args, Func<string[], Task<int>> serve)
    {
        if (args.Length == 0 || (args[0].StartsWith('-') && args[0] is not ("-h" or "--help" or "-?" or "--version")))
        {
            return serve(args);
        }

        return Create(serve).Parse(args).InvokeAsync();
    }

    /// <summary>Prints a JSON result line on stdout.</summary>
    public static void WriteResult<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>Prints a one-line reason on stderr and returns the exit code for failure.</summary>
    public static int Fail(string reason)
    {
        Console.Error.WriteLine($"错误 / error: {reason}");
        return 1;
    }

    /// <summary>Runs a command body, turning database problems into a one-line error.</summary>
    public static async Task<int> Guard(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (DatabaseUnavailableException ex)
        {
            return Fail(ex.Message);
        }
        catch (PlatformConfigurationException ex)
        {
            return Fail(ex.Message);
        }
    }

    // Commands contributed by capability areas; each returns a ready command.
    private static readonly Func<Command>[] Extensions =
    [
        AuditCommands.Create,
        RegionsCommands.Create,
        IdCommands.Create,
        CalendarCommands.Create,
        CatalogCommands.Create,
        MpiCommands.Create,
        MatchCommands.Create,
        AssessmentCommands.Create,
        OrdersCommands.Create,
        HouseholdsCommands.Create,
        BenchCommands.Create,
    ];
}
