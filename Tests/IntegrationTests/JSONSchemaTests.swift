import Foundation
import Testing
import TestSupport

/// The JSON Schema shipped in the binary (`relay-audit schema`) against the JSON the binary
/// writes, checked by an independent validator: Debian's python3-jsonschema (draft 2020-12).
struct JSONSchemaTests {
    static let schemaFile = Fixtures.path("Sources/Reports/Schema/relay-audit.schema.json")
    static let validator = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        if sys.argv[3]:
            schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/" + sys.argv[3]}
        errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))), key=str)
        for error in errors[:20]:
            print(error.json_path, error.message[:300])
        sys.exit(1 if errors else 0)
        """

    /// Validates `json` against the schema (or one of its `$defs`); returns the validator's output.
    static func validate(_ json: String, definition: String = "") throws -> CommandResult {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("relay-audit-\(UUID().uuidString).json")
        try json.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try CommandRunner.run(["-c", validator, schemaFile, file.path, definition], executable: "/usr/bin/python3")
    }

    static let incidentLog = Fixtures.path("Tests/Fixtures/samples/incident/mail.log")

    @Test func theBinaryPrintsTheShippedSchema() throws {
        let printed = try CommandRunner.run(["schema"])
        #expect(printed.status == 0)
        #expect(printed.stdout == (try String(contentsOfFile: Self.schemaFile, encoding: .utf8)))
    }

    @Test(arguments: [
        ["--ldif", Fixtures.sampleLDIF, "--as-of", Fixtures.sampleExportedAt],
        ["--ldif", Fixtures.path("Tests/Fixtures/hostile/directory-ad.ldif"), "--as-of", "2026-11-29T00:00:00Z"],
        ["--ldif", Fixtures.path("Tests/Fixtures/hostile/directory-openldap.ldif"), "--as-of", "2026-11-29T00:00:00Z"],
    ])
    func auditReportsMatchTheSchema(_ directory: [String]) throws {
        let log = directory[1].contains("hostile") ? Fixtures.path("Tests/Fixtures/hostile/mail.log") : Self.incidentLog
        let report = try CommandRunner.run(["audit"] + directory + ["--logs", log, "--timezone", "UTC", "--output", "json"])
        #expect(report.status == 1, "\(report.stderr)")
        let result = try Self.validate(report.stdout)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func directoryAndLogsReportsMatchTheirDefinitions() throws {
        let directory = try CommandRunner.run(["directory", "--ldif", Fixtures.sampleLDIF, "--as-of", Fixtures.sampleExportedAt, "--output", "json"])
        let directoryResult = try Self.validate(directory.stdout, definition: "directoryReport")
        #expect(directoryResult.status == 0, "\(directoryResult.stdout)\(directoryResult.stderr)")
        let logs = try CommandRunner.run(["logs", Self.incidentLog, "--timezone", "UTC", "--output", "json"])
        let logsResult = try Self.validate(logs.stdout, definition: "logsReport")
        #expect(logsResult.status == 0, "\(logsResult.stdout)\(logsResult.stderr)")
        // The FreeIPA export: Kerberos policies, krbLastSuccessfulAuth.
        let ipa = try CommandRunner.run(["directory", "--ldif", Fixtures.path("Tests/Fixtures/freeipa/ipa-export.ldif"),
                                         "--as-of", "2026-11-29T00:00:00Z", "--output", "json"])
        let ipaResult = try Self.validate(ipa.stdout, definition: "directoryReport")
        #expect(ipaResult.status == 0, "\(ipaResult.stdout)\(ipaResult.stderr)")
    }

    @Test func theValidatorRejectsWhatTheSchemaForbids() throws {
        let report = try CommandRunner.run(["audit", "--ldif", Fixtures.sampleLDIF, "--logs", Self.incidentLog, "--as-of", Fixtures.sampleExportedAt,
                                            "--timezone", "UTC", "--output", "json"])
        let tampered = report.stdout.replacingOccurrences(of: "\"phase\": \"contain\"", with: "\"phase\": \"panic\"")
        #expect(tampered != report.stdout)
        let result = try Self.validate(tampered)
        #expect(result.status == 1)
        #expect(result.stdout.contains("$.plan[0].phase"))
    }
}
