using OpenDaemon.Contracts.Errors;

namespace OpenDaemon.Cli.Commands.Startup;

/// <summary>
/// The boot scripts of <c>od startup</c>, one per init system PM2 supports on Unix. Each starts the daemon at
/// boot as the given user with <c>OD_HOME</c> and <c>PATH</c> set, and restores the apps of <c>od save</c>
/// (<c>--resurrect</c>). Where the init system supervises a foreground process (systemd, launchd, OpenRC)
/// it runs <c>od daemon run</c>, which keeps its pid, so a crash is seen and restarted; the others start
/// it detached with <c>od daemon start</c>. The daemon does not speak sd_notify, so the unit is Type=simple;
/// on SIGTERM it stops its apps itself, so systemd signals the daemon alone (KillMode=mixed).
/// </summary>
internal static class InitScripts
{
    /// <summary>Init systems, in the order <c>od startup</c> without one looks for them.</summary>
    public static readonly IReadOnlyList<string> Platforms = ["systemd", "launchd", "openrc", "upstart", "rcd"];

    /// <summary>PM2's other names for the same init systems.</summary>
    public static string Canonical(string platform) => platform.ToLowerInvariant() switch
    {
        "systemd" or "ubuntu" or "centos" or "arch" or "oracle" => "systemd",
        "launchd" or "macos" or "darwin" => "launchd",
        "openrc" or "gentoo" => "openrc",
        "upstart" or "ubuntu14" or "ubuntu12" or "systemv" or "sysv" or "amazon" or "centos6" => "upstart",
        "rcd" or "freebsd" => "rcd",
        "windows" or "win32" => throw new DaemonException(
            ErrorCode.InvalidParams,
            "od startup does not support Windows: od runs on Linux (and macOS), where its process control (sessions, signals, process groups) exists",
            "on Windows run od inside WSL and use 'od startup systemd' there"),
        _ => throw new DaemonException(
            ErrorCode.InvalidParams,
            $"unknown init system '{platform}'",
            $"one of {string.Join(", ", Platforms)} (or leave it out to detect it)"),
    };

    /// <summary>The default service name for <paramref name="platform"/>: as PM2, with "od" for "pm2".</summary>
    public static string DefaultServiceName(string platform, string user) => platform switch
    {
        "launchd" => $"od.{user}",
        "rcd" => $"od_{user}",
        _ => $"od-{user}",
    };

    public static InitScript Render(string platform, StartupSettings settings) => platform switch
    {
        "systemd" => Systemd(settings),
        "launchd" => Launchd(settings),
        "openrc" => OpenRc(settings),
        "upstart" => SysVInit(settings),
        "rcd" => Rcd(settings),
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "not a canonical platform"),
    };

    private static InitScript Systemd(StartupSettings s)
    {
        var destination = $"/etc/systemd/system/{s.ServiceName}.service";
        var content = $"""
            [Unit]
            Description=OpenDaemon process manager ({s.User})
            After=network.target

            [Service]
            Type=simple
            User={s.User}
            LimitNOFILE=infinity
            LimitNPROC=infinity
            LimitCORE=infinity
            Environment="PATH={SystemdValue(s.Path)}"
            Environment="OD_HOME={SystemdValue(s.OdHome)}"
            ExecStart={SystemdQuote(s.OdPath)} daemon run --resurrect
            KillMode=mixed
            TimeoutStopSec=30
            Restart=on-failure

            [Install]
            WantedBy=multi-user.target

            """;
        return new InitScript("systemd", destination, content, Executable: false,
            ["systemctl daemon-reload", $"systemctl enable {s.ServiceName}"],
            [$"systemctl stop {s.ServiceName}", $"systemctl disable {s.ServiceName}", $"rm -f {destination}", "systemctl daemon-reload"]);
    }

    private static InitScript Launchd(StartupSettings s)
    {
        var destination = Path.Combine(s.Home, "Library", "LaunchAgents", s.ServiceName + ".plist");
        var content = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
            <plist version="1.0">
            <dict>
              <key>Label</key>
              <string>{Xml(s.ServiceName)}</string>
              <key>UserName</key>
              <string>{Xml(s.User)}</string>
              <key>ProgramArguments</key>
              <array>
                <string>{Xml(s.OdPath)}</string>
                <string>daemon</string>
                <string>run</string>
                <string>--resurrect</string>
              </array>
              <key>RunAtLoad</key>
              <true/>
              <key>KeepAlive</key>
              <true/>
              <key>EnvironmentVariables</key>
              <dict>
                <key>PATH</key>
                <string>{Xml(s.Path)}</string>
                <key>OD_HOME</key>
                <string>{Xml(s.OdHome)}</string>
              </dict>
              <key>StandardOutPath</key>
              <string>/tmp/{Xml(s.ServiceName)}.out</string>
              <key>StandardErrorPath</key>
              <string>/tmp/{Xml(s.ServiceName)}.err</string>
            </dict>
            </plist>

            """;
        var agents = Path.GetDirectoryName(destination)!;
        return new InitScript("launchd", destination, content, Executable: false,
            [$"mkdir -p {Sh(agents)}", $"launchctl load -w {Sh(destination)}"],
            [$"launchctl unload -w {Sh(destination)}", $"rm -f {Sh(destination)}"]);
    }

    private static InitScript OpenRc(StartupSettings s)
    {
        var destination = $"/etc/init.d/{s.ServiceName}";
        var content = $$"""
            #!/sbin/openrc-run
            # Written by 'od startup openrc': starts the OpenDaemon daemon at boot and restores the apps of 'od save'.

            description="OpenDaemon process manager ({{s.User}})"
            command={{Sh(s.OdPath)}}
            command_args="daemon run --resurrect"
            command_user={{Sh(s.User)}}
            command_background=true
            pidfile="/run/${RC_SVCNAME}.pid"
            retry="SIGTERM/30/SIGKILL/5"
            export PATH={{Sh(s.Path)}}
            export OD_HOME={{Sh(s.OdHome)}}

            depend() {
            	need net localmount
            	after bootmisc
            }

            """;
        return new InitScript("openrc", destination, content, Executable: true,
            [$"chmod 755 {destination}", $"rc-update add {s.ServiceName} default"],
            [$"rc-service {s.ServiceName} stop", $"rc-update delete {s.ServiceName} default", $"rm -f {destination}"]);
    }

    // PM2's "upstart" platform writes an LSB init script for sysvinit (and Upstart's sysv compatibility).
    private static InitScript SysVInit(StartupSettings s)
    {
        var destination = $"/etc/init.d/{s.ServiceName}";
        var content = $$"""
            #!/bin/sh
            ### BEGIN INIT INFO
            # Provides:          {{s.ServiceName}}
            # Required-Start:    $local_fs $remote_fs $network
            # Required-Stop:     $local_fs $remote_fs $network
            # Default-Start:     2 3 4 5
            # Default-Stop:      0 1 6
            # Short-Description: OpenDaemon process manager ({{s.User}})
            # Description:       Starts the OpenDaemon daemon and restores the apps of 'od save'.
            ### END INIT INFO

            NAME={{Sh(s.ServiceName)}}
            OD={{Sh(s.OdPath)}}
            OD_USER={{Sh(s.User)}}
            export PATH={{Sh(s.Path)}}
            export OD_HOME={{Sh(s.OdHome)}}

            od_as_user() {
            	su -s /bin/sh "$OD_USER" -c "PATH=\"$PATH\" OD_HOME=\"$OD_HOME\" \"$OD\" $*"
            }

            case "$1" in
            	start) od_as_user daemon start --resurrect ;;
            	stop) od_as_user daemon stop ;;
            	restart) od_as_user daemon restart ;;
            	status) od_as_user daemon status ;;
            	*) echo "Usage: /etc/init.d/$NAME {start|stop|restart|status}"; exit 1 ;;
            esac

            """;
        return new InitScript("upstart", destination, content, Executable: true,
            [$"chmod 755 {destination}", $"update-rc.d {s.ServiceName} defaults"],
            [$"{destination} stop", $"update-rc.d -f {s.ServiceName} remove", $"rm -f {destination}"]);
    }

    private static InitScript Rcd(StartupSettings s)
    {
        var destination = $"/usr/local/etc/rc.d/{s.ServiceName}";
        var content = $$"""
            #!/bin/sh

            # PROVIDE: {{s.ServiceName}}
            # REQUIRE: LOGIN
            # KEYWORD: shutdown

            . /etc/rc.subr

            name="{{s.ServiceName}}"
            rcvar="{{s.ServiceName}}_enable"

            start_cmd="od_start"
            stop_cmd="od_stop"
            status_cmd="od_status"
            extra_commands="status"

            od_as_user()
            {
            	env PATH={{Sh(s.Path)}} OD_HOME={{Sh(s.OdHome)}} su -m {{Sh(s.User)}} -c "{{s.OdPath}} $*"
            }

            od_start()
            {
            	od_as_user daemon start --resurrect
            }

            od_stop()
            {
            	od_as_user daemon stop
            }

            od_status()
            {
            	od_as_user daemon status
            }

            load_rc_config $name
            run_rc_command "$1"

            """;
        return new InitScript("rcd", destination, content, Executable: true,
            [$"chmod 755 {destination}", $"sysrc {s.ServiceName}_enable=YES"],
            [$"{destination} stop", $"sysrc -x {s.ServiceName}_enable", $"rm -f {destination}"]);
    }

    // Single quotes for sh: nothing inside is expanded; a quote is closed, escaped and reopened.
    internal static string Sh(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    // systemd expands %-specifiers everywhere and splits ExecStart at spaces.
    private static string SystemdQuote(string value)
    {
        var escaped = SystemdValue(value);
        return escaped.Contains(' ', StringComparison.Ordinal) ? "\"" + escaped.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : escaped;
    }

    private static string SystemdValue(string value) => value.Replace("%", "%%", StringComparison.Ordinal);

    private static string Xml(string value) => value
        .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
