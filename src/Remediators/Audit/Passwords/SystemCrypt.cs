using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using CloudSharkHardening.Remediators.Errors;

namespace CloudSharkHardening.Remediators.Audit.Passwords;

/// <summary>
/// The system's own crypt(3) (libxcrypt's <c>libcrypt.so.1</c> on EL 8/9 and Debian 12), so
/// every hash method the system can log in with can be checked: yescrypt, SHA-512, bcrypt, ...
/// </summary>
public static partial class SystemCrypt
{
    private const string Library = "libcrypt.so.1";

    // libxcrypt's struct crypt_data is 32 KiB and glibc's old one about 128 KiB; the larger
    // area serves either. It must start zeroed ("initialized" = 0) for crypt_r.
    private const nuint CryptDataBytes = 256 * 1024;

    /// <summary>
    /// True when <paramref name="phrase"/> hashes to <paramref name="hash"/> with the hash's
    /// own method, cost and salt: crypt(phrase, hash) == hash, compared in constant time.
    /// </summary>
    /// <exception cref="HardeningException">libcrypt is missing, or does not support the hash's method.</exception>
    public static bool Matches(string phrase, string hash)
    {
        var computed = Hash(phrase, hash);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(computed), Encoding.UTF8.GetBytes(hash));
    }

    private static unsafe string Hash(string phrase, string setting)
    {
        var data = NativeMemory.AllocZeroed(CryptDataBytes);
        try
        {
            byte* result;
            try
            {
                result = CryptR(phrase, setting, data);
            }
            catch (DllNotFoundException e)
            {
                throw new HardeningException($"{Library} cannot be loaded, so password hashes cannot be checked: {e.Message}", innerException: e);
            }

            // libxcrypt fails with NULL or with a "*0"/"*1" token that matches no hash.
            var text = result is null ? null : Marshal.PtrToStringUTF8((nint)result);
            if (text is null or ['*', ..])
            {
                throw new HardeningException($"crypt(3) does not support the {HashMethods.NameOf(setting)} hash method on this system");
            }

            return text;
        }
        finally
        {
            // The area held the phrase and intermediate state; leave none of it in freed memory.
            NativeMemory.Clear(data, CryptDataBytes);
            NativeMemory.Free(data);
        }
    }

    [LibraryImport(Library, EntryPoint = "crypt_r", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial byte* CryptR(string phrase, string setting, void* data);
}
