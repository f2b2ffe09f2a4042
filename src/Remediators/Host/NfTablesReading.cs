namespace CloudSharkHardening.Remediators.Host;

/// <summary>What one wake-up of <see cref="NfTablesSocket.Wait"/> read.</summary>
/// <param name="FilterChanges">Messages that changed an iptables filter table (ip or ip6 <c>filter</c>).</param>
/// <param name="Lost">The socket's queue overflowed (ENOBUFS): messages were dropped, so anything may have changed.</param>
public sealed record NfTablesReading(int FilterChanges, bool Lost);
