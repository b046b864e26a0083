using System.Globalization;
using System.Runtime.InteropServices;
using OpenDaemon.Hosting.Interop;

namespace OpenDaemon.Hosting.Processes;

/// <summary>Users and groups by name or id, through the C library (so /etc/passwd, LDAP and other NSS sources all work).</summary>
public static class UserDatabase
{
    private const int InitialBufferSize = 1024;
    private const int MaxBufferSize = 1 << 20;

    /// <summary>The effective uid of this process (geteuid).</summary>
    public static int EffectiveUserId => (int)LibC.GetEffectiveUserId();

    /// <summary>The effective gid of this process (getegid).</summary>
    public static int EffectiveGroupId => (int)LibC.GetEffectiveGroupId();

    /// <summary>
    /// Resolves a user name, or a numeric id. A number is always an id, and need not have a passwd entry
    /// (containers often run as bare uids): then <paramref name="primaryGid"/> is the uid itself and
    /// <paramref name="name"/> is null. A name must exist.
    /// </summary>
    public static bool TryResolveUser(string nameOrId, out int uid, out int primaryGid, out string? name)
    {
        ArgumentNullException.ThrowIfNull(nameOrId);
        if (TryParseId(nameOrId, out uid))
        {
            Entry? entry = FindUser(id: uid, name: null);
            primaryGid = entry?.PrimaryGid ?? uid;
            name = entry?.Name;
            return true;
        }

        Entry? named = nameOrId.Length == 0 ? null : FindUser(id: null, name: nameOrId);
        uid = named?.Id ?? -1;
        primaryGid = named?.PrimaryGid ?? -1;
        name = named?.Name;
        return named is not null;
    }

    /// <summary>Resolves a group name, or a numeric id (which need not exist).</summary>
    public static bool TryResolveGroup(string nameOrId, out int gid)
    {
        ArgumentNullException.ThrowIfNull(nameOrId);
        if (TryParseId(nameOrId, out gid))
        {
            return true;
        }

        gid = -1;
        if (nameOrId.Length == 0)
        {
            return false;
        }

        int? found = WithBuffer(buffer =>
        {
            int errno = LibC.GetGroupByName(nameOrId, out LibC.Group group, buffer.Pointer, buffer.Length, out IntPtr result);
            return (errno, result == IntPtr.Zero ? null : (int?)group.GroupId);
        });
        gid = found ?? -1;
        return found is not null;
    }

    /// <summary>The user name of <paramref name="uid"/>, or null when it has no passwd entry.</summary>
    public static string? UserName(int uid) => FindUser(id: uid, name: null)?.Name;

    private static bool TryParseId(string text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    private static Entry? FindUser(int? id, string? name) => WithBuffer(buffer =>
    {
        LibC.Passwd entry;
        IntPtr result;
        int errno = id is int uid
            ? LibC.GetPasswdById((uint)uid, out entry, buffer.Pointer, buffer.Length, out result)
            : LibC.GetPasswdByName(name!, out entry, buffer.Pointer, buffer.Length, out result);
        Entry? found = result == IntPtr.Zero
            ? null
            : new Entry((int)entry.UserId, (int)entry.GroupId, Marshal.PtrToStringUTF8(entry.Name) ?? string.Empty);
        return (errno, found);
    });

    /// <summary>Runs a *_r lookup, growing its buffer while it answers ERANGE. Lookup errors count as "not found".</summary>
    private static T? WithBuffer<T>(Func<NativeBuffer, (int Errno, T? Value)> lookup)
    {
        for (int size = InitialBufferSize; size <= MaxBufferSize; size *= 2)
        {
            IntPtr memory = Marshal.AllocHGlobal(size);
            try
            {
                (int errno, T? value) = lookup(new NativeBuffer(memory, (nuint)size));
                if (errno != Errno.OutOfRange)
                {
                    return value;
                }
            }
            finally
            {
                Marshal.FreeHGlobal(memory);
            }
        }

        return default;
    }

    private readonly record struct NativeBuffer(IntPtr Pointer, nuint Length);

    private sealed record Entry(int Id, int PrimaryGid, string Name);
}
