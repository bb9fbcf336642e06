/// Text from outside (a file name on the command line, a line of a script or of stdin)
/// that need not be valid UTF-8. Decoding the usual way replaces each bad byte with U+FFFD,
/// and a file whose name holds one could then never be opened ("no such file", though it
/// exists). Here each byte that is not part of valid UTF-8 is kept as a private-use scalar
/// (U+10FE80…U+10FEFF for bytes 80…FF), which `bytes(of:)` turns back into the byte when
/// the name is handed to the system, and which messages show as `\xFF`.
public enum RawText {
    static let base: UInt32 = 0x10FE00

    /// The text of `bytes`, bad bytes kept as their private-use stand-ins.
    public static func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        let all = Array(bytes)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < all.count {
            let b = all[i]
            let n = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
            if n > 0, i + n <= all.count, let s = String(validating: all[i..<(i + n)], as: UTF8.self) {
                out.append(contentsOf: s.unicodeScalars)
                i += n
            } else {
                out.append(Unicode.Scalar(base + UInt32(b))!)
                i += 1
            }
        }
        return String(out)
    }

    /// Whether a scalar stands for a byte that was not valid UTF-8.
    @inline(__always)
    public static func isRawByte(_ s: Unicode.Scalar) -> Bool { s.value >= base + 0x80 && s.value <= base + 0xFF }

    /// The bytes the text came from (for `open`): stand-ins back to their bytes.
    public static func bytes(of text: String) -> [UInt8] {
        guard text.utf8.contains(where: { $0 == 0xF4 }) else { return Array(text.utf8) }
        var out: [UInt8] = []
        for s in text.unicodeScalars {
            if isRawByte(s) { out.append(UInt8(s.value - base)) } else { out += Array(String(s).utf8) }
        }
        return out
    }

    /// How a stand-in shows in a message: `\xFF`.
    public static func escaped(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value - base, radix: 16, uppercase: true)
        return "\\x" + hex
    }
}
