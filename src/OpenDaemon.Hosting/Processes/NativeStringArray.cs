using System.Runtime.InteropServices;

namespace OpenDaemon.Hosting.Processes;

/// <summary>A NULL-terminated array of UTF-8 C strings (argv, envp) in unmanaged memory, freed on dispose.</summary>
internal sealed class NativeStringArray : IDisposable
{
    private readonly IntPtr[] _strings;

    private NativeStringArray(IReadOnlyList<string> values)
    {
        _strings = new IntPtr[values.Count];
        Pointer = Marshal.AllocHGlobal(IntPtr.Size * (values.Count + 1));
        for (int i = 0; i < values.Count; i++)
        {
            _strings[i] = Marshal.StringToCoTaskMemUTF8(values[i]);
            Marshal.WriteIntPtr(Pointer, i * IntPtr.Size, _strings[i]);
        }

        Marshal.WriteIntPtr(Pointer, values.Count * IntPtr.Size, IntPtr.Zero);
    }

    /// <summary>The char*[] to pass to C.</summary>
    public IntPtr Pointer { get; }

    /// <summary>Copies <paramref name="values"/>; the caller has checked that none holds a NUL character (C would cut it there).</summary>
    public static NativeStringArray Create(IReadOnlyList<string> values) => new(values);

    public void Dispose()
    {
        foreach (IntPtr value in _strings)
        {
            Marshal.FreeCoTaskMem(value);
        }

        Marshal.FreeHGlobal(Pointer);
    }
}
