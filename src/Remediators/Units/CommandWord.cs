namespace CloudSharkHardening.Remediators.Units;

/// <summary>
/// One argv word systemd will pass, after variable expansion, with where its text came from:
/// for a word made by <c>$VAR</c> or <c>${VAR}</c> expansion the line that set VAR (in a word
/// mixing text and several variables, the first variable that added text); for a literal word,
/// or one whose variables were all unset, the <c>ExecStart=</c> line.
/// </summary>
public sealed record CommandWord(string Text, SettingSource Source, WordOrigin Origin);
