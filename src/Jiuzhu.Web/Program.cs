using Jiuzhu.Cli;
using Jiuzhu.Web;

return await JiuzhuCommandLine.RunAsync(args, WebHost.RunAsync);

/// <summary>Entry point type, named for the test host.</summary>
public partial class Program;
