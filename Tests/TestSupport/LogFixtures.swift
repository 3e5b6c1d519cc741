import Foundation

/// Every mail log the tests know, for checks that must hold on all of them (the parallel and
/// pipelined readers give what the one-thread reader gives).
public enum LogFixtures {
    public static let fail2ban = "/usr/lib/python3/dist-packages/fail2ban/tests/files/logs"

    public static let all: [String] = {
        var files = [Fixtures.path("Tests/Fixtures/samples/incident/mail.log"), Fixtures.path("Tests/Fixtures/hostile/mail.log")]
        for name in ["RECV2026112800-1.LOG", "MSGTRK2026112800-1.LOG", "ex261128.log", "messagetrace.csv"] {
            files.append(Fixtures.path("Tests/Fixtures/microsoft/" + name))
        }
        for name in ["postfix", "exim", "exim-spam", "sendmail-auth", "sendmail-reject", "dovecot", "courier-auth", "courier-smtp"] {
            let path = "\(fail2ban)/\(name)"
            if FileManager.default.fileExists(atPath: path) { files.append(path) }
        }
        let samples = Fixtures.repository.deletingLastPathComponent().appendingPathComponent("shared/samples/public-formats")
        for name in ["postfix.log", "exim.log", "sendmail.log", "dovecot.log", "other-mtas.log"] {
            let path = samples.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path) { files.append(path) }
        }
        return files
    }()
}
