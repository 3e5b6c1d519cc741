import Foundation

/// Paths of the repository's test fixtures and of the built `relay-audit` binary.
public enum Fixtures {
    /// The repository root, found from this file's location.
    public static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func path(_ relative: String) -> String {
        repository.appendingPathComponent(relative).path
    }

    /// The sample LDIF exported from the Samba AD DC fixture (Tests/Scripts/export-samba-ldif.sh).
    public static let sampleLDIF = path("Tests/Fixtures/samples/corp-example-test.ldif")
    /// The moment the sample was exported: audits of it are measured from here.
    public static let sampleExportedAt = "2026-11-29T01:45:58Z"

    public static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }
}
