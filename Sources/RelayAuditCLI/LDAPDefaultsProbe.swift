import DirectoryReader

/// Whether ldapsearch-style defaults name a directory, for argument validation.
enum LDAPDefaultsProbe {
    static var uri: String? { LDAPDefaults.load().uri }
}
