namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// One <c>ListenStream=</c>, <c>ListenDatagram=</c>, <c>ListenSequentialPacket=</c> ... of a
/// socket unit. <paramref name="Kind"/> names it as systemd's D-Bus <c>Listen</c> property does
/// (the key without "Listen": "Stream", "Datagram", "SequentialPacket", "FIFO", "Special",
/// "Netlink", "MessageQueue", "USBFunction"); <paramref name="Address"/> is the value as
/// written, specifiers expanded (systemd's D-Bus shows it normalised, e.g. "3306" as "[::]:3306").
/// </summary>
public sealed record ListenDirective(string Kind, string Address, SettingSource Source);
