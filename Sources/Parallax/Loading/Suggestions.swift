/// "Did you mean …" by edit distance, shared by the loader and the command language.
public enum Suggestions {
    /// Edit distance over Unicode scalars where swapping two neighbours counts as one
    /// edit (optimal string alignment), so `titel` is nearer `title` than `time`.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = Swift.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = Swift.min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }

    /// The closest candidate if it is close enough to be a likely typo, else nil.
    public static func nearest<S: Sequence>(to word: String, in candidates: S) -> String? where S.Element == String {
        let limit = Swift.max(1, Swift.min(3, word.unicodeScalars.count / 3))
        var best: (String, Int)?
        let lower = word.lowercased()
        let length = word.unicodeScalars.count
        for c in candidates {
            // The distance is at least the difference in length: skip the work (a 1 MB
            // word must not cost a 1 MB-wide table per candidate).
            guard abs(c.unicodeScalars.count - length) <= limit else { continue }
            let d = distance(lower, c.lowercased())
            if d <= limit, best == nil || d < best!.1 || (d == best!.1 && c < best!.0) { best = (c, d) }
        }
        return best?.0
    }

    /// `; did you mean 'x'?` or the empty string.
    public static func hint<S: Sequence>(for word: String, in candidates: S) -> String where S.Element == String {
        guard let n = nearest(to: word, in: candidates) else { return "" }
        return "; did you mean '\(n)'?"
    }
}
