using OpenDaemon.Cli.Front;

return FrontDoor.Run(args);
