// libFuzzer target: any bytes as a policy file (--policy) and as command templates (--commands):
// YAML parsing, validation and the file:line diagnostics.
import Advisor
import Policy

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? PolicyLoader.load(contents: text, name: "fuzz.yaml")
    _ = try? CommandTemplates.parse(text, name: "fuzz.yaml")
    return 0
}

// SwiftPM names an executable's entry `FuzzPolicy_main`; libFuzzer's own `main` is not used, so
// the entry runs libFuzzer's driver with `LLVMFuzzerTestOneInput`.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("FuzzPolicy_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return runFuzzerDriver(&argc, &argv, fuzz)
}
