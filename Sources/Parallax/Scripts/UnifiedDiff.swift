/// A line-by-line difference of two texts in unified format (`diff -u`), so a transcript
/// that no longer matches shows exactly which lines changed, in a form every analyst's
/// tools can read. Myers' O(ND) algorithm; no external program is ever run.
public enum UnifiedDiff {
    /// One step from the expected text to the actual one.
    enum Step: Equatable {
        /// Line `a` of the expected text is line `b` of the actual one.
        case same(Int, Int)
        case delete(Int)
        case insert(Int)
    }

    /// Beyond this many differing lines the diff stops looking for the shortest edit and
    /// replaces the changed middle as a whole (still a correct diff, just a coarse one).
    static let maxEdits = 2000

    /// The diff of `expected` against `actual`, or nil when they are the same. A missing
    /// newline at the very end is not counted as a difference.
    public static func render(expected: String, actual: String, expectedName: String, actualName: String,
                              context: Int = 3) -> String? {
        let a = lines(expected), b = lines(actual)
        guard a != b else { return nil }
        let steps = self.steps(a, b)
        var out = ["--- \(expectedName)", "+++ \(actualName)"]
        for hunk in hunks(steps, context: context) {
            out.append(header(steps[hunk], all: steps))
            for step in steps[hunk] {
                switch step {
                case .same(let i, _): out.append(" " + a[i].sanitizedForTerminal)
                case .delete(let i): out.append("-" + a[i].sanitizedForTerminal)
                case .insert(let j): out.append("+" + b[j].sanitizedForTerminal)
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Split at each "\n" only, so a stray "\r" is a difference that shows.
    static func lines(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0)) }
        if text.unicodeScalars.last == "\n" { lines.removeLast() }
        return lines
    }

    /// The edit script, common prefix and suffix first set aside so that the search only
    /// looks at the part that changed.
    static func steps(_ a: [String], _ b: [String]) -> [Step] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let middleA = Array(a[prefix..<(a.count - suffix)]), middleB = Array(b[prefix..<(b.count - suffix)])
        var steps = (0..<prefix).map { Step.same($0, $0) }
        let middle = myers(middleA, middleB) ?? (middleA.indices.map { .delete($0) } + middleB.indices.map { .insert($0) })
        steps += middle.map { step -> Step in
            switch step {
            case .same(let i, let j): .same(i + prefix, j + prefix)
            case .delete(let i): .delete(i + prefix)
            case .insert(let j): .insert(j + prefix)
            }
        }
        steps += (0..<suffix).map { .same(a.count - suffix + $0, b.count - suffix + $0) }
        return steps
    }

    /// The shortest edit script, or nil when it would take more than `maxEdits` edits.
    static func myers(_ a: [String], _ b: [String]) -> [Step]? {
        let n = a.count, m = b.count
        let limit = min(n + m, maxEdits)
        let offset = limit + 1
        // v[k + offset]: the furthest x reached on diagonal k (x - y = k).
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        // trace[d]: diagonals -d-1...d+1 of v as they stood before round d.
        var trace: [[Int]] = []
        var found = false
        search: for d in 0...limit {
            trace.append(Array(v[(offset - d - 1)...(offset + d + 1)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n, y >= m { found = true; break search }
            }
        }
        guard found else { return nil }
        var steps: [Step] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let saved = trace[d]
            func at(_ k: Int) -> Int { saved[k + d + 1] }
            let k = x - y
            let previousK = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1
            let previousX = d == 0 ? 0 : at(previousK)
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                steps.append(.same(x - 1, y - 1))
                x -= 1; y -= 1
            }
            if d > 0 {
                steps.append(x == previousX ? .insert(y - 1) : .delete(x - 1))
                x = previousX; y = previousY
            }
        }
        return steps.reversed()
    }

    /// Ranges of steps to show: each change with `context` unchanged lines around it,
    /// changes closer than twice that merged into one hunk.
    static func hunks(_ steps: [Step], context: Int) -> [Range<Int>] {
        let changes = steps.indices.filter { if case .same = steps[$0] { false } else { true } }
        var hunks: [Range<Int>] = []
        for c in changes {
            let lower = max(0, c - context), upper = min(steps.count, c + context + 1)
            if let last = hunks.last, lower <= last.upperBound {
                hunks[hunks.count - 1] = last.lowerBound..<upper
            } else {
                hunks.append(lower..<upper)
            }
        }
        return hunks
    }

    /// `@@ -12,7 +12,8 @@`, numbered as GNU diff does: an empty side names the line
    /// before the hunk, a one-line side has no count.
    static func header(_ steps: ArraySlice<Step>, all: [Step]) -> String {
        var aBefore = 0, bBefore = 0
        for step in all[..<steps.startIndex] {
            switch step {
            case .same: aBefore += 1; bBefore += 1
            case .delete: aBefore += 1
            case .insert: bBefore += 1
            }
        }
        var aCount = 0, bCount = 0
        for step in steps {
            switch step {
            case .same: aCount += 1; bCount += 1
            case .delete: aCount += 1
            case .insert: bCount += 1
            }
        }
        func range(_ before: Int, _ count: Int) -> String {
            count == 0 ? "\(before),0" : count == 1 ? "\(before + 1)" : "\(before + 1),\(count)"
        }
        return "@@ -\(range(aBefore, aCount)) +\(range(bBefore, bCount)) @@"
    }
}
