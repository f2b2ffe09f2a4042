namespace CloudSharkHardening.Agent.Systemd.DBus.Wire;

/// <summary>
/// Parses and validates signatures by the rules of the specification's "Valid Signatures":
/// at most 255 bytes, no empty structs, dict entries only directly inside arrays with a basic
/// key and exactly one value, at most 32 nested arrays and 32 nested structs.
/// </summary>
internal static class SignatureParser
{
    /// <summary>Parses a signature made of any number of complete types (a message body).</summary>
    public static bool TryParse(string signature, out IReadOnlyList<DBusType> types, out string problem)
    {
        var parsed = new List<DBusType>();
        types = parsed;
        problem = "";
        if (signature.Length > DBusLimits.MaxSignatureLength)
        {
            problem = $"signature is {signature.Length} bytes long; the limit is {DBusLimits.MaxSignatureLength}";
            return false;
        }

        try
        {
            var position = 0;
            while (position < signature.Length)
            {
                parsed.Add(ParseOne(signature, ref position, new Nesting(0, 0), dictEntryAllowed: false));
            }

            return true;
        }
        catch (InvalidSignature invalid)
        {
            problem = $"signature '{signature}' is invalid: {invalid.Message}";
            return false;
        }
    }

    /// <summary>Parses a signature that must hold exactly one complete type (a variant, an array element).</summary>
    public static bool TryParseSingle(string signature, out DBusType? type, out string problem)
    {
        type = null;
        if (!TryParse(signature, out var types, out problem))
        {
            return false;
        }

        if (types.Count != 1)
        {
            problem = $"signature '{signature}' must be exactly one complete type, not {types.Count}";
            return false;
        }

        type = types[0];
        return true;
    }

    private static DBusType ParseOne(string signature, ref int position, Nesting nesting, bool dictEntryAllowed)
    {
        if (position >= signature.Length)
        {
            throw new InvalidSignature("it ends in the middle of a type");
        }

        var start = position;
        var code = signature[position++];
        switch (code)
        {
            case 'a':
                var element = ParseOne(signature, ref position, nesting.EnterArray(), dictEntryAllowed: true);
                return DBusType.Container('a', signature[start..position], [element]);
            case '(':
                var fields = ParseFields(signature, ref position, nesting.EnterStruct(), ')');
                if (fields.Count == 0)
                {
                    throw new InvalidSignature($"empty struct at {start}");
                }

                return DBusType.Container('(', signature[start..position], fields);
            case '{':
                if (!dictEntryAllowed)
                {
                    throw new InvalidSignature($"dict entry at {start} is not the element of an array");
                }

                var entry = ParseFields(signature, ref position, nesting.EnterStruct(), '}');
                if (entry.Count != 2 || !entry[0].IsBasic)
                {
                    throw new InvalidSignature($"dict entry at {start} must hold a basic key and one value");
                }

                return DBusType.Container('{', signature[start..position], entry);
            default:
                return DBusType.Basic(code) ?? throw new InvalidSignature($"'{code}' at {start} is not a type code");
        }
    }

    private static List<DBusType> ParseFields(string signature, ref int position, Nesting nesting, char close)
    {
        var fields = new List<DBusType>();
        while (position < signature.Length && signature[position] != close)
        {
            fields.Add(ParseOne(signature, ref position, nesting, dictEntryAllowed: false));
        }

        if (position >= signature.Length)
        {
            throw new InvalidSignature($"'{close}' is missing");
        }

        position++;
        return fields;
    }

    private readonly record struct Nesting(int Arrays, int Structs)
    {
        public Nesting EnterArray() => Arrays < DBusLimits.MaxArrayNesting
            ? this with { Arrays = Arrays + 1 }
            : throw new InvalidSignature($"more than {DBusLimits.MaxArrayNesting} nested arrays");

        public Nesting EnterStruct() => Structs < DBusLimits.MaxStructNesting
            ? this with { Structs = Structs + 1 }
            : throw new InvalidSignature($"more than {DBusLimits.MaxStructNesting} nested structs");
    }

    // Unwinds the recursive descent to TryParse; never escapes this class.
    private sealed class InvalidSignature(string message) : Exception(message);
}
