// The log-only helpers (fixture paths, the log harness, the command runner) live in
// LogTestSupport so the log tests build without the directory stack; every other suite
// gets them through TestSupport.
@_exported import LogTestSupport
