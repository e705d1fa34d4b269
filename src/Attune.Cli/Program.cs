using System.Runtime.InteropServices;

namespace Attune.Cli;

#pragma warning disable RS0030 // The entry point handles Ctrl+C and flushes the console; the library never touches it.

/// <summary>The entry point of the <c>attune</c> tool.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            interrupt.Cancel();
        });
        var code = await CliApp.RunAsync(args, CliConsole.FromSystem(), interrupt.Token).ConfigureAwait(false);
        await Console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return code;
    }
}
