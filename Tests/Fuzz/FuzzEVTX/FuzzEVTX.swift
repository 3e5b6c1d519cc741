// libFuzzer target: any bytes as the first chunk of a Windows event log (.evtx) behind a valid
// file header → chunk header, record headers, binary XML (names, templates, substitutions,
// nested fragments), value rendering, the Security event mapper. A damaged chunk must end in
// warnings, never a crash or a read outside the chunk.
import FuzzSupport
import MailLogs

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var file = Array("ElfFile\u{0}".utf8) + [UInt8](repeating: 0, count: 4088)
    var chunk = [UInt8](repeating: 0, count: 65_536)
    for i in 0..<min(size, chunk.count) { chunk[i] = data[i] }
    file += chunk
    var position = 0
    var reader = EVTXFileReader()
    reader.read({ (buffer: inout [UInt8]) -> Int in
        let n = min(buffer.count, file.count - position)
        buffer.replaceSubrange(0..<n, with: file[position..<(position + n)])
        position += n
        return n
    }, { record, offset in
        _ = SecurityEventMapper.event(record, fileIndex: 0, offset: offset)
    })
    return 0
}

@_cdecl("FuzzEVTX_main")
public func fuzzEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
