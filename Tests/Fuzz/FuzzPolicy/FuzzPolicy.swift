// libFuzzer target: any bytes as a policy file (--policy) and as command templates (--commands):
// YAML parsing, validation and the file:line diagnostics.
import Advisor
import FuzzSupport
import Policy

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? PolicyLoader.load(contents: text, name: "fuzz.yaml")
    _ = try? CommandTemplates.parse(text, name: "fuzz.yaml")
    return 0
}

@_cdecl("FuzzPolicy_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
