import Foundation

/// Tests/Scripts/cut-proxy.py between the tool and a live server: after `bytes` of answers it
/// resets the connection (the server killed mid-search) or, with `stall`, goes silent (the
/// server hung). One connection per proxy.
public enum CutProxy {
    public static let listenIP = "127.0.0.23"

    /// Starts the proxy on `listenIP:port` → `target:targetPort`, runs `body`, stops the proxy.
    public static func run<T>(port: Int, to target: String, _ targetPort: Int, after bytes: Int, stall: Bool = false,
                              _ body: () throws -> T) throws -> T {
        let proxy = Process()
        proxy.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        proxy.arguments = [Fixtures.path("Tests/Scripts/cut-proxy.py"), listenIP, String(port), target, String(targetPort), String(bytes)]
            + (stall ? ["stall"] : [])
        let ready = Pipe()
        proxy.standardOutput = ready
        try proxy.run()
        defer { if proxy.isRunning { proxy.terminate() } }
        _ = ready.fileHandleForReading.availableData  // "listening"
        return try body()
    }
}
