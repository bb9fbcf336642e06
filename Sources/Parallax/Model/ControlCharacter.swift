/// The one definition of a control character: Unicode's `Cc` category (C0, DEL, C1) but
/// tab. Such a character in a message would drive the terminal (escape sequences, carriage
/// returns that overwrite a line), so every place text leaves the program shows it as an
/// escape (`\u{1B}`) instead; a scenario's text may not hold one at all (newline aside).
/// The byte form is what the fast scanners of the renderer and the loader test, eight
/// bytes at a time where they can; the scalar form is the same set. A byte of a file name
/// that was not UTF-8 (`RawText`) is escaped the same way, as `\xFF`.
public enum ControlCharacter {
    @inline(__always)
    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v < 0x20 && v != 0x09) || (v >= 0x7F && v <= 0x9F) || RawText.isRawByte(s)
    }

    /// The same set in UTF-8: `b` is a control byte given the byte before it (C1 controls
    /// are the two bytes C2 80…C2 9F).
    @inline(__always)
    public static func isControl(byte b: UInt8, after previous: UInt8) -> Bool {
        (b < 0x20 && b != 0x09) || b == 0x7F || (previous == 0xC2 && b >= 0x80 && b <= 0x9F)
    }

    /// The byte offset of the first control character in UTF-8 text (newline counts), or
    /// nil: eight printable ASCII bytes at a time, then byte by byte.
    public static func firstControl(in p: UnsafeBufferPointer<UInt8>) -> Int? {
        var previous: UInt8 = 0
        var i = 0
        while i < p.count {
            if i + 8 <= p.count, let base = p.baseAddress,
               TextRenderer.isPrintableASCII(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))) {
                previous = 0x20
                i += 8
                continue
            }
            let b = p[i]
            if isControl(byte: b, after: previous) { return previous == 0xC2 && b >= 0x80 ? i - 1 : i }
            // A `RawText` stand-in: F4 8F BA/BB xx.
            if b == 0xF4, i + 2 < p.count, p[i + 1] == 0x8F, p[i + 2] == 0xBA || p[i + 2] == 0xBB { return i }
            previous = b
            i += 1
        }
        return nil
    }

    /// The first control character of a text value other than newline (which text may
    /// hold), or nil.
    public static func firstInText<S: StringProtocol>(_ s: S) -> Unicode.Scalar? {
        let clean: Bool = s.utf8.withContiguousStorageIfAvailable { p in
            var rest = p[...]
            while let k = firstControl(in: UnsafeBufferPointer(rebasing: rest)) {
                let at = rest.startIndex + k
                guard p[at] == 10 else { return false }
                rest = p[(at + 1)...]
            }
            return true
        } ?? !s.unicodeScalars.contains { $0 != "\n" && isControl($0) }
        return clean ? nil : s.unicodeScalars.first { $0 != "\n" && isControl($0) }
    }

    /// `U+001B`, for messages that name a character.
    public static func name(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// How a control character is shown: `\u{1B}`.
    public static func escaped(_ s: Unicode.Scalar) -> String {
        RawText.isRawByte(s) ? RawText.escaped(s) : "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
    }
}
