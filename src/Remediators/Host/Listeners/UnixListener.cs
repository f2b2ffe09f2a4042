namespace CloudSharkHardening.Remediators.Host.Listeners;

/// <summary>
/// A listening Unix stream socket (mysqld's <c>/var/lib/mysql/mysql.sock</c>, for example).
/// </summary>
/// <param name="Path">
/// The bound name as the kernel prints it: a file system path, or an abstract name starting
/// with <c>@</c> (the kernel shows every NUL of an abstract name as <c>@</c>).
/// </param>
/// <param name="Inode">The socket's inode, which ties it to the process holding it.</param>
/// <param name="Owner">The process holding it, or <c>null</c> when it could not be found.</param>
public sealed record UnixListener(string Path, long Inode, SocketOwner? Owner);
