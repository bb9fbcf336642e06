/// One field of a row: its bytes in the file, and whether they are a quoted CSV field
/// with doubled quotes inside (which must be undoubled when read).
struct FieldSpan {
    var start: Int
    var end: Int
    var escaped: Bool
}

/// Splits tab- or comma-separated text into rows of fields without copying it. CSV fields
/// may be quoted (RFC 4180: `""` inside quotes is one quote, and a quoted field may hold
/// line breaks); tab-separated exports such as GDELT's are never quoted. A CR before a
/// line break is dropped.
struct DelimitedRows {
    let bytes: UnsafeBufferPointer<UInt8>
    let separator: UInt8
    let quoting: Bool
    /// Where the next row starts.
    private(set) var offset: Int
    /// The 1-based line on which the next row starts.
    private(set) var line: Int
    /// Where the row last read started, and its line.
    private(set) var rowStart = 0
    private(set) var rowLine = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, quoting: Bool, from offset: Int = 0, line: Int = 1) {
        self.bytes = bytes
        self.separator = separator
        self.quoting = quoting
        self.offset = offset
        self.line = line
    }

    /// Passes empty lines (a trailing newline, blank lines between rows): `offset` is then
    /// where the next row starts.
    mutating func skipEmptyLines() {
        let n = bytes.count
        while offset < n, bytes[offset] == 10 || (bytes[offset] == 13 && offset + 1 < n && bytes[offset + 1] == 10) {
            if bytes[offset] == 10 { line += 1 }
            offset += 1
        }
    }

    /// Reads the next non-empty row into `fields` (cleared first); false at the end.
    mutating func next(into fields: inout [FieldSpan]) -> Bool {
        fields.removeAll(keepingCapacity: true)
        let n = bytes.count
        skipEmptyLines()
        guard offset < n else { return false }
        rowStart = offset
        rowLine = line
        var i = offset
        var fieldStart = i
        while true {
            if quoting, i < n, bytes[i] == UInt8(ascii: "\""), i == fieldStart {
                // A quoted field: up to the closing quote, `""` being one quote.
                var j = i + 1
                var escaped = false
                while j < n {
                    let b = bytes[j]
                    if b == UInt8(ascii: "\"") {
                        if j + 1 < n, bytes[j + 1] == UInt8(ascii: "\"") { escaped = true; j += 2; continue }
                        break
                    }
                    if b == 10 { line += 1 }
                    j += 1
                }
                fields.append(FieldSpan(start: i + 1, end: min(j, n), escaped: escaped))
                i = min(j + 1, n)
                // Anything between the closing quote and the separator is kept out.
                while i < n, bytes[i] != separator, bytes[i] != 10 { i += 1 }
            } else {
                // Scan to the separator or the end of the line: eight bytes at a time while
                // there are eight (a URL, a place's name), then byte by byte.
                var j = i
                let sep = separator
                if let base = bytes.baseAddress {
                    let raw = UnsafeRawPointer(base)
                    while j + 8 <= n {
                        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: j, as: UInt64.self))
                        let hit = TwoParts.bytesEqual(word, to: sep) | TwoParts.bytesEqual(word, to: 10)
                        if hit != 0 {
                            j += hit.trailingZeroBitCount / 8
                            break
                        }
                        j += 8
                    }
                }
                while j < n {
                    let b = bytes[j]
                    if b == sep || b == 10 { break }
                    j += 1
                }
                var end = j
                if end > i, bytes[end - 1] == 13, j == n || bytes[j] == 10 { end -= 1 }
                fields.append(FieldSpan(start: i, end: end, escaped: false))
                i = j
            }
            if i < n, bytes[i] == separator {
                i += 1
                fieldStart = i
                continue
            }
            // End of line or of the file.
            if i < n { i += 1; line += 1 }
            offset = i
            return true
        }
    }

    /// Line and column (1-based; the column counted in characters) where a field of the
    /// row last read starts. Only computed for messages.
    func position(of field: FieldSpan) -> (line: Int, column: Int) {
        var line = rowLine, column = 1
        var i = rowStart
        // A quoted field's span starts after its quote: point at the quote.
        let target = field.start > rowStart && quoting && bytes[field.start - 1] == UInt8(ascii: "\"") ? field.start - 1 : field.start
        while i < target {
            let b = bytes[i]
            if b == 10 { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (line, column)
    }

    /// The text of the physical line `line` of the row last read (for the caret line).
    func lineText(_ line: Int) -> String {
        var i = rowStart, l = rowLine
        while l < line, i < bytes.count { if bytes[i] == 10 { l += 1 }; i += 1 }
        var j = i
        while j < bytes.count, bytes[j] != 10 { j += 1 }
        if j > i, bytes[j - 1] == 13 { j -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<j]), as: UTF8.self)
    }
}
