import Testing
import ParallaxREPL
#if canImport(Glibc)
import Glibc
#endif

/// libedit's `_HiStOrY_V2_` format, capping and the history list's rules.
@Suite("History file")
struct HistoryFileTests {
    @Test func escapesAsStrvisDoesAndReadsBack() {
        let entries = ["step 3", "echo tab\there", "find Aghajanyan’s \\ back", "echo Кириллица"]
        let text = HistoryFile.text(for: entries, limit: 100)
        #expect(text == "_HiStOrY_V2_\nstep\\0403\necho\\040tab\\011here\nfind\\040Aghajanyan’s\\040\\\\\\040back\necho\\040Кириллица\n")
        #expect(HistoryFile.entries(in: text) == entries)
    }

    @Test func readsWhatLibeditWritesInTheCLocale() {
        // libedit's own H_SAVE in the C locale: meta escapes for UTF-8 bytes, C-style escapes.
        let written = "_HiStOrY_V2_\necho\\040Aghajanyan\\M-b\\M^@\\M^Ys\necho\\sa\\tb\nwhere\n"
        #expect(HistoryFile.entries(in: written) == ["echo Aghajanyan’s", "echo a\tb", "where"])
    }

    @Test func cappingKeepsTheNewestEntriesAndTheHeader() {
        let entries = (1...10).map { "step \($0)" }
        let text = HistoryFile.text(for: entries, limit: 3)
        #expect(text == "_HiStOrY_V2_\nstep\\0408\nstep\\0409\nstep\\04010\n")
        #expect(HistoryFile.entries(in: text) == ["step 8", "step 9", "step 10"])
        #expect(HistoryFile.text(for: entries, limit: 0) == "_HiStOrY_V2_\n")
    }

    @Test func aPlainFileWithoutHeaderIsOneEntryPerLine() {
        #expect(HistoryFile.entries(in: "step\nwhere\n") == ["step", "where"])
    }

    @Test func historySkipsConsecutiveDuplicatesCapsAndSavesAtomically() throws {
        var template = Array("/tmp/parallax-history-XXXXXX".utf8CString)
        let folder = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
        let path = folder + "/state/parallax/history"
        defer { unlink(path); rmdir(folder + "/state/parallax"); rmdir(folder + "/state"); rmdir(folder) }
        let history = History(path: path, limit: 3)
        #expect(history.add("step"))
        #expect(!history.add("step"))
        for line in ["where", "step", "back"] { history.add(line) }
        #expect(history.entries == ["where", "step", "back"])
        history.save()
        #expect(History(path: path, limit: 3).entries == ["where", "step", "back"])
        #expect(History(path: path, limit: 2).entries == ["step", "back"])
        #expect(access(path + ".tmp\(getpid())", F_OK) != 0)
    }

    @Test func defaultPathFollowsXDGThenHome() {
        #expect(History.defaultPath { ["XDG_STATE_HOME": "/s", "HOME": "/h"][$0] } == "/s/parallax/history")
        #expect(History.defaultPath { ["XDG_STATE_HOME": "relative", "HOME": "/h"][$0] } == "/h/.local/state/parallax/history")
        #expect(History.defaultPath { _ in nil } == nil)
    }
}
