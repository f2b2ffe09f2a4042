namespace CloudSharkHardening.Remediators.Formats.OptionFile;

/// <summary>The server's view of a chain: what an option ends up as, and why.</summary>
public static class EffectiveOptions
{
    /// <summary>
    /// The effective value of a boolean option: the last line in a server group that sets it
    /// wins, whichever group and file it is in; <paramref name="serverDefault"/> when none does.
    /// </summary>
    public static BooleanOptionVerdict Boolean(OptionFileChain chain, string optionName, bool serverDefault)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var verdict = new BooleanOptionVerdict(optionName, serverDefault, null);
        foreach (var option in chain.Options.Where(option => ServerGroups.IsReadByServer(option.Group)))
        {
            if (BooleanOptionSpelling.Interpret(optionName, option) is bool value)
            {
                verdict = new BooleanOptionVerdict(optionName, value, option);
            }
        }

        return verdict;
    }
}
