using System.CommandLine;
using System.Diagnostics;
using SystemProcess = System.Diagnostics.Process;
using OpenDaemon.Cli.Output;
using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Commands.Startup;

/// <summary>
/// <c>od startup [platform]</c> and <c>od unstartup [platform]</c>, as PM2's: write the boot script of the
/// init system and enable it (as root; otherwise print the command to run as root), or remove it.
/// <c>--print</c> only shows the script. The daemon started at boot restores the apps of <c>od save</c>.
/// </summary>
internal static class StartupCommand
{
    public static Command Create(GlobalOptions globals, bool install)
    {
        var platform = new Argument<string?>("platform") { Description = "systemd, launchd, openrc, upstart or rcd (default: detected)", Arity = ArgumentArity.ZeroOrOne };
        var user = new Option<string?>("--user", "-u") { Description = "Run the daemon as this user (default: you)" };
        var home = new Option<string?>("--hp") { Description = "That user's home directory (default: from /etc/passwd)" };
        var serviceName = new Option<string?>("--service-name") { Description = "Name of the unit or script (default: od-<user>)" };
        var print = new Option<bool>("--print") { Description = "Only print the script and where it would go; install nothing" };
        var command = install
            ? new Command("startup", "Start the daemon at boot and restore the apps of 'od save' (writes and enables an init script)") { platform, user, home, serviceName, print }
            : new Command("unstartup", "Remove what 'od startup' installed") { platform, user, home, serviceName, print };
        CommandActions.Set(command, globals, async context =>
        {
            var parse = context.Parse;
            var chosen = InitScripts.Canonical(parse.GetValue(platform) ?? Detect());
            var settings = StartupEnvironment.Settings(chosen, parse.GetValue(user), parse.GetValue(home), parse.GetValue(serviceName));
            var script = InitScripts.Render(chosen, settings);
            var commands = install ? script.EnableCommands : script.DisableCommands;
            var output = context.Output;
            if (parse.GetValue(print))
            {
                output.JsonResult(new StartupOutput(chosen, script.Destination, false, commands), CliJsonContext.Default.StartupOutput);
                if (!output.Json)
                {
                    output.Document(install ? script.Content : $"# od unstartup {chosen} would run:\n{string.Join("\n", commands)}");
                    output.Note($"target: {script.Destination}; then: {string.Join(" && ", commands)}");
                }

                return CliOutput.Success;
            }

            // launchd agents live in the user's own Library; every other init system needs root.
            if (chosen != "launchd" && !System.Environment.IsPrivilegedProcess)
            {
                output.JsonResult(new StartupOutput(chosen, script.Destination, false, commands), CliJsonContext.Default.StartupOutput);
                if (install)
                {
                    output.Line(script.Content);
                }

                output.Line($"{(install ? "Installing" : "Removing")} the boot script needs root. Run:");
                output.Line($"sudo env PATH={InitScripts.Sh(settings.Path)} {InitScripts.Sh(settings.OdPath)} {(install ? "startup" : "unstartup")} {chosen} -u {settings.User} --hp {InitScripts.Sh(settings.Home)}");
                return CliOutput.Success;
            }

            if (install)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(script.Destination)!);
                await File.WriteAllTextAsync(script.Destination, script.Content, context.Cancellation).ConfigureAwait(false);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(script.Destination, script.Executable
                    ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                        : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                }

                output.Note($"wrote {script.Destination}");
            }

            foreach (var line in commands)
            {
                await RunAsync(line, context).ConfigureAwait(false);
            }

            output.JsonResult(new StartupOutput(chosen, script.Destination, install, commands), CliJsonContext.Default.StartupOutput);
            output.Line(install
                ? $"{output.Green("installed")} {script.Destination}: at boot the daemon starts as {settings.User} with OD_HOME={settings.OdHome} and restores the apps of 'od save' (run it now if you have not)"
                : $"{output.Green("removed")} {script.Destination}");
            if (install && System.Environment.GetEnvironmentVariable("OD_HOME") is not { Length: > 0 })
            {
                output.Line($"so that od in your shell talks to that daemon, add to your shell profile: export OD_HOME={InitScripts.Sh(settings.OdHome)}");
            }

            return CliOutput.Success;
        });
        return command;
    }

    /// <summary>The init system of this machine, the way PM2 finds it: by the tool on PATH.</summary>
    internal static string Detect()
    {
        if (Directory.Exists("/run/systemd/system") || OnPath("systemctl"))
        {
            return "systemd";
        }

        return OnPath("launchctl") ? "launchd"
            : OnPath("rc-update") ? "openrc"
            : OnPath("update-rc.d") || OnPath("chkconfig") ? "upstart"
            : OnPath("sysrc") ? "rcd"
            : throw new DaemonException(ErrorCode.InvalidParams, "no init system found (none of systemctl, launchctl, rc-update, update-rc.d, sysrc is on PATH)", "name one: od startup systemd --print");
    }

    private static bool OnPath(string program) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, program)));

    private static async Task RunAsync(string line, CliContext context)
    {
        context.Output.Note($"running: {line}");
        using var process = SystemProcess.Start(new ProcessStartInfo("/bin/sh", ["-c", line]) { UseShellExecute = false })
            ?? throw new DaemonException(ErrorCode.PermissionDenied, $"could not run: {line}", "run it yourself as root");
        await process.WaitForExitAsync(context.Cancellation).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new DaemonException(ErrorCode.PermissionDenied, $"'{line}' failed with exit code {process.ExitCode}", "run it yourself as root and read its message");
        }
    }
}
