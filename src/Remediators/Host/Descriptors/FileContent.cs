using CloudSharkHardening.Remediators.Errors;
using Microsoft.Win32.SafeHandles;

namespace CloudSharkHardening.Remediators.Host.Descriptors;

/// <summary>Reads a whole file through a descriptor already checked to be a regular file.</summary>
internal static class FileContent
{
    public static byte[] ReadAll(SafeFileHandle handle, FileNode node, string path, long maxBytes)
    {
        if (node.Size > maxBytes)
        {
            throw new UnsupportedFileException(path, $"is {node.Size} bytes, larger than the {maxBytes} bytes a configuration file may be");
        }

        try
        {
            using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
            var bytes = new byte[node.Size];
            stream.ReadExactly(bytes);
            // A file that grew while being read is read again by the next pass, not half-parsed now.
            return stream.ReadByte() < 0 ? bytes : throw new HardeningException($"{path}: changed while it was read", isTransient: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HardeningException($"{path}: cannot be read: {e.Message}", innerException: e);
        }
    }
}
