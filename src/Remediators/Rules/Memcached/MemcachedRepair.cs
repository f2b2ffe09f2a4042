using System.Collections.Immutable;
using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Remediators.Rules.Memcached;

/// <summary>
/// The argument-level fix both file formats carry out. For listen and for UDP alike: a setting
/// that already holds is left exactly as written; otherwise the first option of its kind is
/// replaced in place, the others are removed, and a missing one is appended. Every other
/// option keeps its place and text.
/// </summary>
internal sealed record MemcachedRepair(ImmutableArray<MemcachedRepair.Replacement> Replacements, ImmutableArray<string> Appended)
{
    public const string UdpOff = "-U 0";

    /// <summary><paramref name="Text"/> replaces the option's words; <c>null</c> removes them.</summary>
    public sealed record Replacement(MemcachedArgument Argument, string? Text);

    public bool IsEmpty => Replacements.IsEmpty && Appended.IsEmpty;

    public static string ListenOption(string listenList) => $"-l {listenList}";

    /// <summary>The repair for <paramref name="commandLine"/>, read from the file at <paramref name="path"/>.</summary>
    /// <param name="path">The file the words were read from, for messages.</param>
    /// <param name="commandLine">That file's own memcached arguments.</param>
    /// <param name="listenList">The wanted <c>-l</c> list.</param>
    /// <param name="listenHeldElsewhere">
    /// Another part of memcached's command line (its unit's ExecStart=) already gives a loopback
    /// <c>-l</c>: this file's offending listen options are only removed, never replaced or
    /// added, because memcached binding the same address twice fails to start.
    /// </param>
    /// <exception cref="UnsupportedFileException">An option must be appended, but would not be read as one.</exception>
    public static MemcachedRepair For(string path, MemcachedCommandLine commandLine, string listenList, bool listenHeldElsewhere = false)
    {
        var sockets = MemcachedSockets.From(commandLine);
        var replacements = ImmutableArray.CreateBuilder<Replacement>();
        var appended = ImmutableArray.CreateBuilder<string>();
        if (listenHeldElsewhere)
        {
            replacements.AddRange(sockets.Listens.Where(listen => !MemcachedSockets.IsLoopbackListen(listen)).Select(listen => new Replacement(listen, null)));
        }
        else
        {
            Fix(sockets.ListensOnLoopbackOnly, sockets.Listens, ListenOption(listenList), replacements, appended);
        }

        Fix(sockets.UdpIsOff, sockets.UdpPorts, UdpOff, replacements, appended);
        if (appended.Count > 0 && commandLine.AppendBlocker is { } blocker)
        {
            throw new UnsupportedFileException(path, blocker);
        }

        return new MemcachedRepair([.. replacements.OrderBy(replacement => replacement.Argument.FirstWord)], appended.ToImmutable());
    }

    private static void Fix(
        bool holds,
        ImmutableArray<MemcachedArgument> options,
        string wanted,
        ImmutableArray<Replacement>.Builder replacements,
        ImmutableArray<string>.Builder appended)
    {
        if (holds)
        {
            return;
        }

        if (options.IsEmpty)
        {
            appended.Add(wanted);
            return;
        }

        replacements.Add(new Replacement(options[0], wanted));
        replacements.AddRange(options.Skip(1).Select(option => new Replacement(option, null)));
    }
}
