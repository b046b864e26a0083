namespace OpenDaemon.Plugins.LogManager.Writing;

/// <summary>Fixed-width decimal digits, for timestamps formatted without culture or allocation.</summary>
internal static class Digits
{
    public static void Write(Span<byte> destination, int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
