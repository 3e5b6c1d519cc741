/// A login's 64-bit fingerprint: FNV-1a over the bytes of its key (the lower-cased login).
///
/// The per-address state keeps what each address tried as these, not as Strings: a botnet
/// spraying a million addresses with a million usernames would otherwise keep a million
/// Strings and a million Sets. The same function everywhere (no per-process seed, unlike
/// Swift's Hasher), so a fingerprint made while reading equals one made while judging.
public enum LoginHash {
    public static func of(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
