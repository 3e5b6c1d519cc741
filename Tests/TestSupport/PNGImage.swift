import CZlib
import Foundation

/// Decodes the 8-bit RGB/RGBA, non-interlaced PNGs Chromium writes for `--screenshot`, so a
/// test can look at what the browser actually drew.
public struct PNGImage {
    public let width: Int
    public let height: Int
    /// RGBA, row by row.
    public let pixels: [UInt8]

    public enum DecodeError: Error { case notPNG, unsupported(String), corrupt(String) }

    public init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 8, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { throw DecodeError.notPNG }
        func be32(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
        var offset = 8
        var width = 0, height = 0, channels = 0
        var compressed: [UInt8] = []
        while offset + 8 <= bytes.count {
            let length = be32(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            let body = offset + 8
            guard body + length <= bytes.count else { throw DecodeError.corrupt("chunk \(type) runs past the end") }
            switch type {
            case "IHDR":
                width = be32(body)
                height = be32(body + 4)
                guard bytes[body + 8] == 8, bytes[body + 12] == 0 else { throw DecodeError.unsupported("bit depth or interlace") }
                switch bytes[body + 9] {
                case 2: channels = 3
                case 6: channels = 4
                default: throw DecodeError.unsupported("colour type \(bytes[body + 9])")
                }
            case "IDAT":
                compressed += bytes[body..<body + length]
            default:
                break
            }
            offset = body + length + 4
        }
        guard width > 0, height > 0, channels > 0 else { throw DecodeError.corrupt("no IHDR") }
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var rawLength = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { input in
                uncompress(out.baseAddress, &rawLength, input.baseAddress, uLong(input.count))
            }
        }
        guard status == Z_OK, Int(rawLength) == raw.count else { throw DecodeError.corrupt("zlib status \(status)") }
        // Undo the per-row filters (PNG spec §9).
        var image = [UInt8](repeating: 0, count: height * stride)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            for i in 0..<stride {
                let x = raw[row * (stride + 1) + 1 + i]
                let a = i >= channels ? Int(image[row * stride + i - channels]) : 0
                let b = row > 0 ? Int(image[(row - 1) * stride + i]) : 0
                let c = row > 0 && i >= channels ? Int(image[(row - 1) * stride + i - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw DecodeError.corrupt("filter \(filter)")
                }
                image[row * stride + i] = UInt8((Int(x) + predictor) & 0xFF)
            }
        }
        var rgba = [UInt8](repeating: 255, count: width * height * 4)
        for p in 0..<(width * height) {
            for k in 0..<3 { rgba[p * 4 + k] = image[p * channels + k] }
            if channels == 4 { rgba[p * 4 + 3] = image[p * channels + 3] }
        }
        self.width = width
        self.height = height
        self.pixels = rgba
    }

    /// Pixels within `tolerance` of the colour `rgb` (0xRRGGBB) in rows `rows`.
    public func count(_ rgb: UInt32, tolerance: Int = 12, rows: Range<Int>? = nil) -> Int {
        let r = Int(rgb >> 16 & 0xFF), g = Int(rgb >> 8 & 0xFF), b = Int(rgb & 0xFF)
        var n = 0
        for y in (rows ?? 0..<height).clamped(to: 0..<height) {
            for x in 0..<width {
                let i = (y * width + x) * 4
                if abs(Int(pixels[i]) - r) <= tolerance, abs(Int(pixels[i + 1]) - g) <= tolerance, abs(Int(pixels[i + 2]) - b) <= tolerance { n += 1 }
            }
        }
        return n
    }
}
