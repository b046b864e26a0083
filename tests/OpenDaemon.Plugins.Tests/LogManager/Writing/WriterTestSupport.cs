using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenDaemon.Config.Model;
using OpenDaemon.Plugins.LogManager.Writing;

namespace OpenDaemon.Plugins.Tests.LogManager.Writing;

/// <summary>Writers over a temporary directory, and numbered lines to check nothing is lost or repeated.</summary>
internal static class WriterTestSupport
{
    public static LogFileOptions NoRotation { get; } = new() { Rotation = new RotationConfig { Enabled = false } };

    public static LogWriterRegistry Registry(TimeProvider? time = null, int bufferSize = 64 * 1024, ILogger? logger = null) =>
        new(new LogWriterSettings { BufferSize = bufferSize }, time ?? TimeProvider.System, logger ?? NullLogger.Instance);

    /// <summary>Lines <c>"&lt;tag&gt; &lt;n&gt; &lt;padding&gt;"</c> for n in [from, from + count), each ending in \n.</summary>
    public static byte[] Numbered(string tag, int from, int count, int padding = 0)
    {
        var text = new StringBuilder();
        for (var n = from; n < from + count; n++)
        {
            text.Append(tag).Append(' ').Append(n.ToString("D7", System.Globalization.CultureInfo.InvariantCulture));
            text.Append(' ', padding).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The numbers of the lines tagged <paramref name="tag"/>, in file order.</summary>
    public static List<int> NumbersOf(IEnumerable<string> lines, string tag) =>
        [.. lines.Where(line => line.StartsWith(tag + " ", StringComparison.Ordinal))
            .Select(line => int.Parse(line.AsSpan(tag.Length + 1, 7), System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Asserts <paramref name="numbers"/> is exactly first, first + 1, …, last.</summary>
    public static void AssertContiguous(IReadOnlyList<int> numbers, int first, int last)
    {
        Assert.Equal(last - first + 1, numbers.Count);
        for (var i = 0; i < numbers.Count; i++)
        {
            if (numbers[i] != first + i)
            {
                Assert.Fail($"line {i}: expected {first + i}, found {numbers[i]}");
            }
        }
    }
}
