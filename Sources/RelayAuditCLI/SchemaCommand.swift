import ArgumentParser
import Reports

/// `relay-audit schema`: the JSON Schema of `--output json`, as built into this binary.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of the JSON reports.",
        discussion: """
            The schema describes `audit --output json`; its $defs/directoryReport and \
            $defs/logsReport describe `directory --output json` and `logs --output json`. \
            Example: relay-audit schema > relay-audit.schema.json
            """
    )

    func run() throws {
        print(ReportSchema.text, terminator: "")
    }
}
