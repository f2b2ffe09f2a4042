namespace CloudSharkHardening.Agent.Daemon;

/// <summary>The inotify(7) event bits the daemon asks for or reads.</summary>
[Flags]
internal enum InotifyEvents : uint
{
    None = 0,
    Modify = 0x2,
    Attrib = 0x4,
    CloseWrite = 0x8,
    MovedFrom = 0x40,
    MovedTo = 0x80,
    Create = 0x100,
    Delete = 0x200,
    DeleteSelf = 0x400,
    MoveSelf = 0x800,
    Unmount = 0x2000,
    QueueOverflow = 0x4000,
    Ignored = 0x8000,
    OnlyDirectory = 0x100_0000,
}

/// <summary>One event read from the inotify descriptor; <see cref="Name"/> is empty for the watched directory itself.</summary>
internal readonly record struct InotifyEvent(int Watch, InotifyEvents Mask, string Name)
{
    public bool Has(InotifyEvents any) => (Mask & any) != 0;
}
