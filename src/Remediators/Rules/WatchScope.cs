namespace CloudSharkHardening.Remediators.Rules;

/// <summary>What of a watched path can break a rule, and so what the daemon must see.</summary>
public enum WatchScope
{
    /// <summary>
    /// The node itself: created, deleted, renamed, replaced (by a link, say), its owner, mode
    /// or content changed. Seen from its parent directory, never from inside it.
    /// </summary>
    Node,

    /// <summary>
    /// The node and every directory above it: an ancestor renamed away or replaced by a link
    /// changes what the path names, so it is a change too.
    /// </summary>
    NodeAndAncestors,

    /// <summary>A directory's node and every entry in it: a file appearing there matters (an <c>!includedir</c>).</summary>
    Entries,
}
