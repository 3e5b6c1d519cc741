// relay-audit: entry point. Parses the command line and maps every outcome to the exit
// status the interface promises: 0 clean, 1 findings at or above --fail-on, 2 usage or
// configuration error, 3 input error (unreadable file, LDAP failure).
#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import RelayAuditCore

// A server that resets a TLS connection makes libldap write to a dead socket: without this the
// kernel's SIGPIPE would kill the run silently (status 141) instead of the LDAP error and exit 3
// it deserves. Stdout's own EPIPE (`| head`) is handled where stdout is written.
signal(SIGPIPE, SIG_IGN)

do {
    var command = try RelayAudit.parseAsRoot()
    try command.run()
} catch let error as RelayAuditError {
    Console.error(error)
    exit(error.exitStatus)
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    // ArgumentParser: help and --version exit 0 on stdout; every parse or validation error is
    // a usage error (2), not ArgumentParser's default 64.
    let status = RelayAudit.exitCode(for: error)
    if status == .success {
        print(RelayAudit.fullMessage(for: error))
        exit(0)
    }
    Console.write(stderr: RelayAudit.fullMessage(for: error) + "\n")
    exit(2)
}
