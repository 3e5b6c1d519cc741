import RelayAuditCore
import Yams

/// Turns policy YAML text into a `PolicyNode` tree, or diagnostics naming file, line and column.
enum PolicyYAMLParser {
    static func parse(_ text: String, file: String) throws(RelayAuditError) -> PolicyNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw .configuration([diagnostic(for: error, file: file)])
        } catch {
            throw .configuration([Diagnostic(.error, file: file, message: "cannot parse YAML: \(error)")])
        }
        guard let root else {
            throw .configuration([Diagnostic(.error, file: file, line: 1, message: "the policy file is empty")])
        }
        var diagnostics: [Diagnostic] = []
        let node = convert(root, file: file, diagnostics: &diagnostics)
        if !diagnostics.isEmpty { throw .configuration(diagnostics) }
        return node
    }

    private static func location(_ mark: Mark?) -> PolicyNode.Location {
        mark.map { PolicyNode.Location(line: $0.line, column: $0.column) } ?? .unknown
    }

    private static func convert(_ node: Node, file: String, diagnostics: inout [Diagnostic]) -> PolicyNode {
        switch node {
        case let .scalar(scalar):
            return .scalar(scalar.string, location(scalar.mark))
        case let .sequence(sequence):
            return .list(sequence.map { convert($0, file: file, diagnostics: &diagnostics) }, location(sequence.mark))
        case let .mapping(mapping):
            var pairs: [(key: String, keyLocation: PolicyNode.Location, value: PolicyNode)] = []
            for (key, value) in mapping {
                let keyLocation = location(key.mark)
                guard case let .scalar(keyScalar) = key else {
                    diagnostics.append(Diagnostic(.error, file: file, line: keyLocation.line, column: keyLocation.column,
                                                  message: "a key must be a plain name"))
                    continue
                }
                if pairs.contains(where: { $0.key == keyScalar.string }) {
                    diagnostics.append(Diagnostic(.error, file: file, line: keyLocation.line, column: keyLocation.column,
                                                  message: "key '\(keyScalar.string)' appears twice in the same mapping"))
                    continue
                }
                pairs.append((keyScalar.string, keyLocation, convert(value, file: file, diagnostics: &diagnostics)))
            }
            return .map(pairs, location(mapping.mark))
        case let .alias(alias):
            let l = location(alias.mark)
            diagnostics.append(Diagnostic(.error, file: file, line: l.line, column: l.column,
                                          message: "YAML aliases are not supported in policy files; write the value out"))
            return .scalar("", l)
        }
    }

    private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return Diagnostic(.error, file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(detail)")
        case let .reader(problem, _, _, _):
            return Diagnostic(.error, file: file, message: "cannot read YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(.error, file: file, line: context.mark.line, column: context.mark.column,
                              message: "duplicated keys: \(duplicates.joined(separator: ", "))")
        default:
            return Diagnostic(.error, file: file, message: "invalid YAML: \(error)")
        }
    }
}
