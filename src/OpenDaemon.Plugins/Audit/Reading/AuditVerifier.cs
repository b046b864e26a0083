using System.Text.Json;
using OpenDaemon.Contracts.Audit;
using OpenDaemon.Plugins.Audit.Writing;

namespace OpenDaemon.Plugins.Audit.Reading;

/// <summary>
/// Walks the hash chain over every file, oldest first, and reports the first broken link: a line that
/// is not a JSON object with a <c>prev</c>, whose <c>prev</c> is not the hash of the line before it
/// (an edited, inserted or deleted line — the line before may be the last of the previous file), an
/// empty line, or a last line without its newline (cut short).
/// </summary>
internal static class AuditVerifier
{
    public static AuditVerifyResult Verify(AuditSnapshot snapshot)
    {
        var expected = AuditChain.Genesis;
        var anyLine = false;
        long entries = 0;
        AuditBreak? broken = null;
        string? startsAfter = null;
        foreach (var file in snapshot.Files)
        {
            long lineNumber = 0;
            var name = Path.GetFileName(file.Path);
            AuditLineReader.Read(file.Stream, file.Length, (line, terminated) =>
            {
                lineNumber++;
                var problem = Check(line.Span, terminated, expected, out var prev);
                if (problem is not null && !anyLine && snapshot.StartsAfterPrune && prev is not null && problem == Mismatch)
                {
                    // The first line left links to a file removed by rotation's keep: start the chain here.
                    startsAfter = name;
                    problem = null;
                }

                anyLine = true;
                if (problem is not null)
                {
                    broken = new AuditBreak(file.Path, lineNumber, problem);
                    return false;
                }

                entries++;
                expected = AuditChain.Hash(line.Span);
                return true;
            });

            if (broken is not null)
            {
                break;
            }
        }

        if (broken is null && snapshot.LastHash is { } last && last != expected && (anyLine || last != AuditChain.Genesis))
        {
            var file = snapshot.Files.Count > 0 ? snapshot.Files[^1].Path : "(no file)";
            broken = new AuditBreak(file, 0, "the last line is not the last line the daemon wrote: it was edited, or lines at the end were deleted");
        }

        return new AuditVerifyResult(broken is null, entries, [.. snapshot.Files.Select(file => file.Path)], broken) { StartsAfterRotation = startsAfter };
    }

    private const string Mismatch = "its prev is not the hash of the line before it: a line was edited, inserted or deleted here or just before";

    private static string? Check(ReadOnlySpan<byte> line, bool terminated, string expected, out string? prev)
    {
        prev = null;
        if (!terminated)
        {
            return "the last line has no end of line: the file was cut short (or a crash interrupted a write)";
        }

        if (line.IsEmpty)
        {
            return "empty line: something was inserted or removed";
        }

        try
        {
            var reader = new Utf8JsonReader(line);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("prev", out var prevValue) || prevValue.ValueKind != JsonValueKind.String)
            {
                return "not an audit entry (no prev)";
            }

            prev = prevValue.GetString();
        }
        catch (JsonException)
        {
            return "not valid JSON: the line was edited or cut";
        }

        return prev == expected ? null : Mismatch;
    }
}
