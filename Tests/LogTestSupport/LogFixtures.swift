import Foundation

/// Every mail log the tests know, for checks that must hold on all of them (the parallel and
/// pipelined readers give what the one-thread reader gives).
///
/// The repository's own logs are always there. Two corpora come from outside the clone and
/// may be missing: Debian's `fail2ban` package (its annotated samples) and `../shared`'s public
/// samples. `all` holds what is present; each optional corpus has a test that is skipped, with
/// the reason, when it is missing, so a bare clone says what it did not check.
public enum LogFixtures {
    public static let fail2banDirectory = "/usr/lib/python3/dist-packages/fail2ban/tests/files/logs"
    public static let fail2banMissing = "needs Debian's fail2ban package (Tests/Scripts/install-deps.sh --test installs it)"
    public static let sharedMissing = "needs ../shared/samples/public-formats next to the clone"

    /// The repository's logs (incident, hostile, Microsoft).
    public static let repository: [String] = {
        var files = [Fixtures.path("Tests/Fixtures/samples/incident/mail.log"), Fixtures.path("Tests/Fixtures/hostile/mail.log")]
        for name in ["RECV2026112800-1.LOG", "MSGTRK2026112800-1.LOG", "ex261128.log", "messagetrace.csv"] {
            files.append(Fixtures.path("Tests/Fixtures/microsoft/" + name))
        }
        files.append(Fixtures.path("Tests/Fixtures/samples/nginx/mail-error.log"))
        return files
    }()

    /// fail2ban's mail-log samples, when the package is installed.
    public static let fail2ban: [String] = ["postfix", "exim", "exim-spam", "sendmail-auth", "sendmail-reject", "dovecot", "courier-auth", "courier-smtp"]
        .map { "\(fail2banDirectory)/\($0)" }.filter { FileManager.default.fileExists(atPath: $0) }
    public static var fail2banAvailable: Bool { fail2ban.count == 8 }

    /// ../shared's real public log lines, when the clone sits next to it.
    public static let shared: [String] = {
        let samples = Fixtures.repository.deletingLastPathComponent().appendingPathComponent("shared/samples/public-formats")
        return ["postfix.log", "exim.log", "sendmail.log", "dovecot.log", "other-mtas.log"].map { samples.appendingPathComponent($0).path }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }()
    public static var sharedAvailable: Bool { shared.count == 5 }

    /// Every log present.
    public static var all: [String] { repository + fail2ban + shared }
}
