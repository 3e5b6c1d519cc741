import Foundation
import Testing
import TestSupport

/// The HTML report in a real browser: Debian's headless Chromium loads it from disk, logs any
/// console error or Content-Security-Policy violation (a network fetch, a script), and draws it.
struct HTMLReportBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Writes the audit of `ldif` + `log` as HTML with `-o` into a fresh folder.
    static func writeReport(ldif: String, log: String, asOf: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relay-audit-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let report = folder.appendingPathComponent("report.html")
        let result = try CommandRunner.run(["audit", "--ldif", ldif, "--logs", log, "--as-of", asOf, "--timezone", "UTC", "-o", report.path])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("wrote html report to \(report.path)"))
        let mode = try FileManager.default.attributesOfItem(atPath: report.path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the report names accounts and addresses")
        return report
    }

    /// Runs headless Chromium on `file` with `arguments`; returns its result.
    static func browse(_ file: URL, _ arguments: [String]) throws -> CommandResult {
        let chromium = try #require(chromium, "headless Chromium is needed: Tests/Scripts/install-deps.sh installs Debian's chromium")
        let profile = file.deletingLastPathComponent().appendingPathComponent("profile")
        return try CommandRunner.run(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                                      "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0"] + arguments + [file.absoluteString],
                                     executable: chromium)
    }

    /// Console messages Chromium logged: errors, CSP violations, blocked fetches.
    static func consoleMessages(_ result: CommandResult) -> [Substring] {
        result.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
    }

    @Test func theSampleReportOpensWithoutErrorsAndShowsTheSummary() throws {
        let report = try Self.writeReport(ldif: Fixtures.sampleLDIF, log: Fixtures.path("Tests/Fixtures/samples/incident/mail.log"),
                                          asOf: Fixtures.sampleExportedAt)
        defer { try? FileManager.default.removeItem(at: report.deletingLastPathComponent()) }

        let dom = try Self.browse(report, ["--dump-dom"])
        #expect(dom.status == 0, "\(dom.stderr.suffix(2000))")
        #expect(Self.consoleMessages(dom).isEmpty, "\(Self.consoleMessages(dom))")
        #expect(dom.stdout.contains("<h2 id=\"summary\">Summary</h2>"))
        #expect(dom.stdout.contains("<div class=\"card alarm\"><b>5</b>compromised accounts</div>"))
        #expect(dom.stdout.contains("<svg"))
        #expect(dom.stdout.contains("Disable-ADAccount -Identity 'kiosk.user'"))

        let png = report.deletingLastPathComponent().appendingPathComponent("summary.png")
        let shot = try Self.browse(report, ["--window-size=1200,900", "--screenshot=\(png.path)"])
        #expect(shot.status == 0, "\(shot.stderr.suffix(2000))")
        #expect(Self.consoleMessages(shot).isEmpty)
        let image = try PNGImage(data: Data(contentsOf: png))
        #expect(image.width == 1200 && image.height == 900)
        // The first screen is the summary: its red alarm cards (compromised accounts, still
        // usable, attacking addresses, critical findings) are drawn near the top, under the title.
        let red = image.count(0xB00020, rows: 120..<420)
        #expect(red > 1_000, "red alarm-card pixels in the summary band: \(red)")
        let white = image.count(0xFFFFFF, tolerance: 4)
        #expect(white < image.width * image.height * 90 / 100, "the page is not blank")
    }

    @Test func aHostileReportRunsNothingAndFetchesNothing() throws {
        let values = HostileIdentityAuditTests.values
        let report = try Self.writeReport(ldif: Fixtures.path("Tests/Fixtures/hostile/directory-ad.ldif"),
                                          log: Fixtures.path("Tests/Fixtures/hostile/mail.log"), asOf: values.as_of)
        defer { try? FileManager.default.removeItem(at: report.deletingLastPathComponent()) }
        let dom = try Self.browse(report, ["--dump-dom"])
        #expect(dom.status == 0)
        #expect(Self.consoleMessages(dom).isEmpty, "\(Self.consoleMessages(dom))")
        // The names are text in the page, never elements or links.
        #expect(dom.stdout.range(of: "<script", options: .caseInsensitive) == nil)
        #expect(!dom.stdout.contains("href=\"javascript:"))
        #expect(dom.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }
}
