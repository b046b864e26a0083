using System.Text.Json;
using OpenDaemon.Config.Templates;

namespace OpenDaemon.Config;

/// <summary>
/// Starter configurations for <c>od init</c>: a commented config for the project in a directory,
/// using its package.json name and main/start script when there is one. Every template loads
/// back as a valid config.
/// </summary>
public static class ConfigTemplates
{
    /// <summary>The file name <c>od init</c> writes for <paramref name="format"/>.</summary>
    public static string FileName(ConfigFormat format) => format switch
    {
        ConfigFormat.Yaml => "opendaemon.config.yaml",
        ConfigFormat.Json => "opendaemon.config.json",
        ConfigFormat.RcJson => ".opendaemonrc",
        ConfigFormat.TypeScript => "opendaemon.config.ts",
        ConfigFormat.JavaScript => "opendaemon.config.mjs",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "od init writes yaml, json, ts or js configs"),
    };

    /// <summary>Returns the text of a starter config for the project in <paramref name="directory"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">For <see cref="ConfigFormat.PackageJson"/>.</exception>
    public static string Create(ConfigFormat format, string directory)
    {
        var project = ProjectInfo.Detect(directory);
        var name = Quote(project.Name);
        var script = Quote(project.Script);
        return format switch
        {
            ConfigFormat.Yaml => Yaml(name, script),
            ConfigFormat.Json or ConfigFormat.RcJson => Json(name, script),
            ConfigFormat.TypeScript => Script(name, script, typeScript: true),
            ConfigFormat.JavaScript => Script(name, script, typeScript: false),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "od init writes yaml, json, ts or js configs"),
        };
    }

    // A JSON string literal is valid YAML and JS too.
    private static string Quote(string text) => JsonSerializer.Serialize(text, TemplateJsonContext.Default.String);

    private static string Yaml(string name, string script) => $$"""
        # OpenDaemon configuration. Reference: docs/configuration.md
        # Check it with `od validate`, start it with `od start` (`--env production` selects env_production).

        daemon:
          logLevel: info              # trace, debug, info, warn, error, fatal

        # Applied to every app; an app's own value wins, env merges key by key.
        defaults:
          maxMemory: 512M             # restart when memory (RSS) exceeds this: "512M", "1G"
          restartStrategy: exponential  # fixed | linear | exponential delay between restarts
          killTimeout: 5s             # time between the stop signal and SIGKILL

        apps:
          - name: {{name}}
            script: {{script}}
            instances: 1              # a number, or "max" for one per CPU core
            mode: fork                # fork | cluster
            env:
              NODE_ENV: development
              # DATABASE_URL: { secret: db-url }   # stored with `od secret set db-url ...`
            env_production:
              NODE_ENV: production
            # healthCheck:
            #   type: http
            #   url: http://localhost:3000/health
            #   interval: 30s
            # watch: [src]            # restart when files change
            # cron: "0 3 * * *"       # run on a schedule instead of continuously

        """;

    private static string Json(string name, string script) => $$"""
        {
          "daemon": {
            "logLevel": "info"
          },
          "defaults": {
            "maxMemory": "512M",
            "restartStrategy": "exponential",
            "killTimeout": "5s"
          },
          "apps": [
            {
              "name": {{name}},
              "script": {{script}},
              "instances": 1,
              "mode": "fork",
              "env": {
                "NODE_ENV": "development"
              },
              "env_production": {
                "NODE_ENV": "production"
              }
            }
          ]
        }

        """;

    private static string Script(string name, string script, bool typeScript)
    {
        var header = typeScript
            ? "// OpenDaemon configuration, loaded with node ≥ 22.6 (type stripping). Reference: docs/configuration.md"
            : "// OpenDaemon configuration, evaluated by node. Reference: docs/configuration.md";
        return $$"""
            {{header}}
            // `defineConfig` only helps your editor; od provides it when the opendaemon package is not installed.
            import { defineConfig } from 'opendaemon';

            export default defineConfig({
              daemon: {
                logLevel: 'info', // trace, debug, info, warn, error, fatal
              },

              // Applied to every app; an app's own value wins, env merges key by key.
              defaults: {
                maxMemory: '512M', // restart when memory (RSS) exceeds this
                restartStrategy: 'exponential', // fixed | linear | exponential
                killTimeout: '5s', // time between the stop signal and SIGKILL
              },

              apps: [
                {
                  name: {{name}},
                  script: {{script}},
                  instances: 1, // a number, or 'max' for one per CPU core
                  mode: 'fork', // fork | cluster
                  env: {
                    NODE_ENV: 'development',
                    // DATABASE_URL: { secret: 'db-url' }, // stored with `od secret set db-url ...`
                  },
                  env_production: {
                    NODE_ENV: 'production', // selected with `od start --env production`
                  },
                  // healthCheck: { type: 'http', url: 'http://localhost:3000/health', interval: '30s' },
                  // watch: ['src'],
                },
              ],
            });

            """;
    }
}
