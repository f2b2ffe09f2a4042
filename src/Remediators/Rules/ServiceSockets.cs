using CloudSharkHardening.Remediators.Host.Listeners;

namespace CloudSharkHardening.Remediators.Rules;

/// <summary>What <see cref="ServiceListeners"/> found for one service.</summary>
/// <param name="Held">Sockets a process in the service's own unit holds: the service's, for certain.</param>
/// <param name="Unseen">
/// Sockets on the service's well-known port whose owner cannot be seen: evidence that something
/// may be wrong, but not enough to restart the service, which may not be the one holding them.
/// </param>
internal sealed record ServiceSockets(IReadOnlyList<Listener> Held, IReadOnlyList<Listener> Unseen)
{
    /// <summary>What a plan says when only sockets of unseen owners count against <paramref name="service"/>.</summary>
    public static string UnseenOwnerNote(string service) =>
        $"whose socket this is cannot be seen (reading other processes' descriptors needs CAP_SYS_PTRACE): {service} is not restarted for a socket that may not be its own";
}
