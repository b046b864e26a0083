using System.CommandLine;
using System.CommandLine.Parsing;
using OpenDaemon.Contracts.Errors;
using OpenDaemon.Contracts.Processes;

namespace OpenDaemon.Cli.Commands.Process;

/// <summary>The arguments and options of <c>od start</c>, and how they become <see cref="ProcessStartParams"/>.</summary>
internal sealed class StartArguments
{
    private readonly Argument<string> _target = new("target") { Description = "Script, configuration file, or the name/id of a known app" };
    private readonly Argument<string[]> _scriptArgs = new("args") { Description = "Arguments for the script (after --)", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string?> _name = new("--name", "-n") { Description = "App name (default: the script's file name)" };
    private readonly Option<string?> _instances = new("--instances", "-i") { Description = "How many instances: a number, or max (one per CPU core)" };
    private readonly Option<string?> _cwd = new("--cwd") { Description = "The app's working directory" };
    private readonly Option<string?> _interpreter = new("--interpreter") { Description = "Program that runs the script: node, python3, none, ... (default: by extension)" };
    private readonly Option<string[]> _setEnv = new("--setenv") { Description = "Set an environment variable: --setenv NAME=value (repeatable)", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string[]> _only = new("--only") { Description = "Start only these apps of a configuration file: --only api,worker", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string?> _environment = new("--env") { Description = "Use env_<name> of a configuration file, e.g. --env production" };
    private readonly Option<bool> _updateEnv = new("--update-env", "-a") { Description = "For a known app: take the environment from this call instead of the stored one" };
    private readonly StartFlags _flags = new();

    public void AddTo(Command command)
    {
        command.Add(_target);
        command.Add(_scriptArgs);
        command.Add(_name);
        command.Add(_instances);
        command.Add(_cwd);
        command.Add(_interpreter);
        command.Add(_setEnv);
        command.Add(_only);
        command.Add(_environment);
        command.Add(_updateEnv);
        _flags.AddTo(command);
    }

    /// <summary>Checks the values (INVALID_PARAMS) and builds the request; the target is sent as typed.</summary>
    public ProcessStartParams Read(ParseResult parse, string workingDirectory)
    {
        RefuseUnknownOptions(parse);
        var arguments = parse.GetValue(_scriptArgs) ?? [];
        var only = ProcessArguments.Names(parse.GetValue(_only));
        return new ProcessStartParams
        {
            Target = parse.GetRequiredValue(_target),
            WorkingDirectory = workingDirectory,
            Name = parse.GetValue(_name),
            Instances = ProcessArguments.Instances(parse.GetValue(_instances)),
            Cwd = parse.GetValue(_cwd) is { } directory ? Path.GetFullPath(directory, workingDirectory) : null,
            Interpreter = parse.GetValue(_interpreter),
            SetEnv = ProcessArguments.SetEnv(parse.GetValue(_setEnv)),
            Only = only.Count == 0 ? null : only,
            Environment = parse.GetValue(_environment),
            Args = arguments.Length == 0 ? null : arguments,
            UpdateEnv = parse.GetValue(_updateEnv),
            Fields = _flags.Read(parse),
        };
    }

    // The app's arguments accept any token, so an option od start does not have (--watch,
    // --max-memory-restart 200M) would silently reach the app and the user would think it is on.
    // Before "--", an argument token that looks like an option is refused.
    private void RefuseUnknownOptions(ParseResult parse)
    {
        var bound = new List<Token>();
        if (parse.GetResult(_target) is { } target)
        {
            bound.AddRange(target.Tokens);
        }

        if (parse.GetResult(_scriptArgs) is { } scriptArgs)
        {
            bound.AddRange(scriptArgs.Tokens);
        }

        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                return;
            }

            if (token.Value.Length > 1 && token.Value[0] == '-' && !double.TryParse(token.Value, System.Globalization.CultureInfo.InvariantCulture, out _)
                && bound.Any(argument => ReferenceEquals(argument, token)))
            {
                throw new DaemonException(
                    ErrorCode.InvalidParams,
                    $"od start has no option {token.Value}",
                    "see 'od start --help'; arguments for the app go after --: od start app.js -- " + token.Value);
            }
        }
    }
}
