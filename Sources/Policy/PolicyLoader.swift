import Foundation
public import RelayAuditCore

/// Loads the effective policy: `Policies/default.yaml` (embedded at build time), optionally
/// overlaid with a user's policy file.
public enum PolicyLoader {
    /// The name under which the built-in policy appears in diagnostics.
    public static let defaultPolicyName = "Policies/default.yaml"

    /// The built-in default policy.
    public static func loadDefault() throws(RelayAuditError) -> AuditPolicy {
        let base = try defaultTree()
        return try AuditPolicyReader(file: defaultPolicyName).read(base, source: "built-in default")
    }

    /// The default overlaid with the policy file at `path`.
    public static func load(path: String) throws(RelayAuditError) -> AuditPolicy {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let reason = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                ? (isDirectory.boolValue ? "is a directory" : "cannot be read (permissions?)")
                : "does not exist"
            throw .configuration([Diagnostic(.error, file: path, message: "policy file \(reason)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .configuration([Diagnostic(.error, file: path, message: "policy file is not valid UTF-8")])
        }
        return try load(contents: text, name: path)
    }

    /// The default overlaid with policy text; `name` labels diagnostics.
    public static func load(contents: String, name: String) throws(RelayAuditError) -> AuditPolicy {
        let base = try defaultTree()
        let user = try PolicyYAMLParser.parse(contents, file: name)
        var merger = PolicyMerger(file: name)
        let merged = merger.merge(user: user, onto: base)
        if !merger.diagnostics.isEmpty { throw .configuration(merger.diagnostics) }
        return try AuditPolicyReader(file: name).read(merged, source: name)
    }

    /// Parses YAML into a located tree (for other data files in `Policies/`).
    public static func parseYAML(_ text: String, name: String) throws(RelayAuditError) -> PolicyNode {
        try PolicyYAMLParser.parse(text, file: name)
    }

    /// The text of an embedded `Policies/` file (for `--help` and `policy show`).
    public static func embeddedFile(_ name: String) -> String? {
        guard let encoded = EmbeddedPolicies.base64Files[name], let data = Data(base64Encoded: encoded) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Names of the embedded `Policies/` files.
    public static var embeddedFileNames: [String] { EmbeddedPolicies.base64Files.keys.sorted() }

    /// The built-in policy's tree, parsed once per process.
    private static let parsedDefault: Result<PolicyNode, RelayAuditError> = {
        guard let text = embeddedFile("default.yaml") else {
            return .failure(.configuration([Diagnostic(.error, file: defaultPolicyName, message: "the built-in policy is missing from this build")]))
        }
        do throws(RelayAuditError) {
            return .success(try PolicyYAMLParser.parse(text, file: defaultPolicyName))
        } catch {
            return .failure(error)
        }
    }()

    private static func defaultTree() throws(RelayAuditError) -> PolicyNode {
        try parsedDefault.get()
    }
}
