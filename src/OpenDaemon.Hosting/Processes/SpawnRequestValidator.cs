namespace OpenDaemon.Hosting.Processes;

/// <summary>Rejects requests C cannot represent or the shim cannot apply, before anything is created.</summary>
internal static class SpawnRequestValidator
{
    /// <exception cref="SpawnException">With EINVAL and a message naming the problem.</exception>
    public static void ThrowIfInvalid(SpawnRequest request)
    {
        string file = request.FileName;
        if (!Path.IsPathFullyQualified(file))
        {
            throw SpawnException.Invalid($"cannot execute {file}: the path must be absolute");
        }

        RequireNoNul(file, "the path", file);
        RequireNoNul(request.WorkingDirectory, "the working directory", file);
        for (int i = 0; i < request.Arguments.Count; i++)
        {
            RequireNoNul(request.Arguments[i], $"argument {i + 1}", file);
        }

        foreach (var (name, value) in request.Environment)
        {
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal))
            {
                throw SpawnException.Invalid($"cannot start {file}: the environment variable name '{name}' is empty or contains '='");
            }

            RequireNoNul(name, "an environment variable name", file);
            RequireNoNul(value, $"the environment variable {name}", file);
        }

        if (request.Nice is < -20 or > 19)
        {
            throw SpawnException.Invalid($"cannot start {file}: nice must be between -20 and 19, not {request.Nice}");
        }

        if (request.Umask is < 0 or > 0x1FF)
        {
            throw SpawnException.Invalid($"cannot start {file}: umask must be between 0 and 0777");
        }

        if (request.UserId is < 0 || request.GroupId is < 0)
        {
            throw SpawnException.Invalid($"cannot start {file}: user and group ids cannot be negative");
        }

        if (request.NeedsShim && string.IsNullOrEmpty(request.ShimExecutable))
        {
            throw SpawnException.Invalid(
                $"cannot start {file}: switching user or group, nice, umask, cgroup or passing listening sockets needs the exec shim, and no ShimExecutable was given");
        }

        if (request.NeedsShim && !Path.IsPathFullyQualified(request.ShimExecutable!))
        {
            throw SpawnException.Invalid($"cannot start {file}: the exec shim path {request.ShimExecutable} must be absolute");
        }
    }

    private static void RequireNoNul(string value, string what, string file)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw SpawnException.Invalid($"cannot start {file}: {what} contains a NUL character");
        }
    }
}
