using System.Runtime.InteropServices;

namespace WeComGuard.Cli.Commands;

/// <summary>What a path is on disk, told apart before opening it: opening a FIFO for reading blocks until a writer comes.</summary>
internal enum FileSystemEntryType
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Other,
}

/// <summary>
/// Reads the file type with lstat/stat. .NET reports a FIFO, socket or device as an ordinary file (FileAttributes.Normal),
/// so on Unix this calls the runtime's own System.Native shim, whose FileStatus layout (Mode at offset 4, S_IF* values) is
/// the same on every Unix .NET runs on. On Windows there are no FIFOs to hang on, and the attributes suffice.
/// </summary>
internal static partial class FileSystemEntryTypes
{
    private const int TypeMask = 0xF000;
    private const int FifoType = 0x1000;
    private const int CharacterDeviceType = 0x2000;
    private const int DirectoryType = 0x4000;
    private const int BlockDeviceType = 0x6000;
    private const int RegularType = 0x8000;
    private const int LinkType = 0xA000;
    private const int SocketType = 0xC000;

    /// <summary>The entry itself (a symbolic link is <see cref="FileSystemEntryType.SymbolicLink"/>), or with <paramref name="followLinks"/> what it points to.</summary>
    public static FileSystemEntryType Get(string path, bool followLinks, out string description)
    {
        description = string.Empty;
        if (!OperatingSystem.IsWindows())
        {
            Span<byte> status = stackalloc byte[512];
            if ((followLinks ? Stat(path, status) : LStat(path, status)) != 0)
            {
                return FileSystemEntryType.Missing;
            }

            var mode = BitConverter.ToInt32(status[4..8]) & TypeMask;
            (var type, description) = mode switch
            {
                RegularType => (FileSystemEntryType.Regular, "regular file"),
                DirectoryType => (FileSystemEntryType.Directory, "folder"),
                LinkType => (FileSystemEntryType.SymbolicLink, "symbolic link"),
                FifoType => (FileSystemEntryType.Other, "FIFO"),
                SocketType => (FileSystemEntryType.Other, "socket"),
                CharacterDeviceType => (FileSystemEntryType.Other, "character device"),
                BlockDeviceType => (FileSystemEntryType.Other, "block device"),
                _ => (FileSystemEntryType.Other, "special file"),
            };
            return type;
        }

        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists)
        {
            return FileSystemEntryType.Missing;
        }

        if (!followLinks && info.LinkTarget is not null)
        {
            description = "symbolic link";
            return FileSystemEntryType.SymbolicLink;
        }

        (var kind, description) = info is DirectoryInfo ? (FileSystemEntryType.Directory, "folder") : (FileSystemEntryType.Regular, "regular file");
        return kind;
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LStat(string path, Span<byte> output);

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, Span<byte> output);
}
