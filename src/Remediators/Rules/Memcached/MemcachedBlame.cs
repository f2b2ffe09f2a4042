using CloudSharkHardening.Remediators.Units;

namespace CloudSharkHardening.Remediators.Rules.Memcached;

/// <summary>
/// Which of memcached's offending arguments come from files the agent does not own, and what
/// to change there. The agent edits only its own file: an edit there that another file
/// outvotes, or that adds a second <c>-l</c> beside someone's <c>-l 0.0.0.0</c> (memcached then
/// fails to bind), is worse than no edit.
/// </summary>
internal static class MemcachedBlame
{
    /// <summary>One line per argument that breaks the rule from elsewhere; empty when the owned file can fix everything.</summary>
    public static List<string> Elsewhere(MemcachedInvocation invocation, MemcachedSockets sockets, string listenList)
    {
        var found = new List<string>();
        if (!sockets.ListensOnLoopbackOnly)
        {
            found.AddRange(sockets.Listens
                .Where(listen => !MemcachedSockets.IsLoopbackListen(listen) && !IsOwned(invocation, listen))
                .Select(listen => $"'{Text(invocation, listen)}' ({Where(invocation, listen)}) makes memcached listen beyond loopback; change it there to {MemcachedRepair.ListenOption(listenList)}"));
        }

        if (!sockets.UdpIsOff && !sockets.UdpPorts.IsEmpty && !IsOwned(invocation, sockets.UdpPorts[^1]))
        {
            var last = sockets.UdpPorts[^1];
            found.Add($"'{Text(invocation, last)}' ({Where(invocation, last)}) turns UDP on, and memcached takes the last -U; change it there to {MemcachedRepair.UdpOff}");
        }

        var missing = (sockets.Listens.IsEmpty ? MemcachedRepair.ListenOption(listenList) + " " : "") + (sockets.UdpPorts.IsEmpty ? MemcachedRepair.UdpOff : "");
        if (missing.Length > 0 && found.Count == 0)
        {
            if (invocation.EditableFile is null)
            {
                found.Add($"memcached's arguments come only from {string.Join(", ", invocation.UnitFiles)}, which the agent does not edit, and they lack {missing.Trim()}: add it to ExecStart= there, or make it expand $OPTIONS from /etc/sysconfig/memcached");
            }
            else
            {
                // An option added to the owned file must not override someone's own value.
                found.AddRange(invocation.Arguments
                    .Where(word => word.Source.Path != invocation.EditableFile && word.Origin != WordOrigin.ExecStart)
                    .Select(word => word.Source)
                    .Distinct()
                    .Select(source => $"memcached's arguments also come from {source}, which the agent does not edit; add {missing.Trim()} there, or move those arguments to {invocation.EditableFile}"));
            }
        }

        return found;
    }

    /// <summary>A loopback <c>-l</c> comes from a file the agent does not own, so its own file must not add one.</summary>
    public static bool ListenHeldElsewhere(MemcachedInvocation invocation, MemcachedCommandLine commandLine) =>
        MemcachedSockets.From(commandLine).Listens.Any(listen => MemcachedSockets.IsLoopbackListen(listen) && !IsOwned(invocation, listen));

    private static bool IsOwned(MemcachedInvocation invocation, MemcachedArgument argument) =>
        invocation.Arguments[argument.FirstWord].Source.Path == invocation.EditableFile
        && invocation.Arguments[argument.LastWord].Source.Path == invocation.EditableFile;

    private static string Text(MemcachedInvocation invocation, MemcachedArgument argument) =>
        string.Join(' ', invocation.Arguments.Skip(argument.FirstWord).Take(argument.LastWord - argument.FirstWord + 1).Select(word => word.Text));

    private static string Where(MemcachedInvocation invocation, MemcachedArgument argument) =>
        ServiceCommand.Where(invocation.Arguments[argument.FirstWord]);
}
