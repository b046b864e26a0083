using OpenDaemon.Cli;

return await CliApp.RunAsync(args).ConfigureAwait(false);
