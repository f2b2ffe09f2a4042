namespace CloudSharkHardening.Agent.Reports;

internal enum EditKind
{
    Keep,
    Delete,
    Insert,
}

/// <summary>One step of an edit script; indexes point at the line in the old and new text.</summary>
internal readonly record struct Edit(EditKind Kind, int OldIndex, int NewIndex);

/// <summary>Myers' O(ND) shortest edit script between two line lists.</summary>
internal static class EditScript
{
    public static IReadOnlyList<Edit> Compute(IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines)
    {
        var n = oldLines.Count;
        var m = newLines.Count;
        var max = n + m;
        var frontier = new int[(2 * max) + 2];
        var trace = new List<int[]>();
        for (var d = 0; d <= max; d++)
        {
            trace.Add((int[])frontier.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var down = k == -d || (k != d && frontier[k - 1 + max] < frontier[k + 1 + max]);
                var x = down ? frontier[k + 1 + max] : frontier[k - 1 + max] + 1;
                var y = x - k;
                while (x < n && y < m && oldLines[x] == newLines[y])
                {
                    x++;
                    y++;
                }

                frontier[k + max] = x;
                if (x >= n && y >= m)
                {
                    return Backtrack(trace, n, m, max);
                }
            }
        }

        throw new InvalidOperationException("unreachable: an edit script always exists");
    }

    private static List<Edit> Backtrack(List<int[]> trace, int n, int m, int max)
    {
        var edits = new List<Edit>();
        var x = n;
        var y = m;
        for (var d = trace.Count - 1; d >= 0; d--)
        {
            var frontier = trace[d];
            var k = x - y;
            var down = k == -d || (k != d && frontier[k - 1 + max] < frontier[k + 1 + max]);
            var previousK = down ? k + 1 : k - 1;
            var previousX = d == 0 ? 0 : frontier[previousK + max];
            var previousY = previousX - previousK;
            while (x > previousX && y > previousY)
            {
                x--;
                y--;
                edits.Add(new Edit(EditKind.Keep, x, y));
            }

            if (d > 0)
            {
                edits.Add(down ? new Edit(EditKind.Insert, x, previousY) : new Edit(EditKind.Delete, previousX, y));
                x = previousX;
                y = previousY;
            }
        }

        edits.Reverse();
        return edits;
    }
}
