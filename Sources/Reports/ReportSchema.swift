import Foundation

/// The JSON Schema of the JSON reports (`Sources/Reports/Schema/relay-audit.schema.json`,
/// embedded at build time): `relay-audit schema` prints it, so a consumer of
/// `--output json` validates against the schema of the very binary that wrote the report.
public enum ReportSchema {
    public static let fileName = "relay-audit.schema.json"

    public static var text: String {
        guard let encoded = EmbeddedFiles.base64Files[fileName], let data = Data(base64Encoded: encoded) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
