import Glibc
import Testing

/// The scenario cache through the real binary: a large scenario's first open writes the
/// cache, the second reads it (the file is not written again), and what `check` and a
/// session print is the same both times, warnings with their quoted lines included.
@Suite("The cache of a large scenario")
struct ScenarioCacheEndToEndTests {
    /// The warnings scenario made larger than the size from which a scenario is cached
    /// (512 KiB) by a comment at its end.
    static func largeScenario(in folder: String) -> String {
        let path = folder + "/large.yaml"
        let line = "# " + String(repeating: "padding ", count: 12) + "\n"
        Binary.write(Binary.read(Binary.root + "/Fuzz/corpus/loader/warnings.yaml") + String(repeating: line, count: 6000), to: path)
        return path
    }

    /// Runs the binary with its cache in `cache` (`$XDG_CACHE_HOME`).
    static func run(_ arguments: [String], cache: String, directory: String = Binary.root) -> Binary.Result {
        let out = cache + ".out", err = cache + ".err"
        defer { unlink(out); unlink(err) }
        let quoted = ([Binary.path] + arguments).map { "'" + $0.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'" }
        let status = system("cd '\(directory)' && XDG_CACHE_HOME='\(cache)' NO_COLOR= \(quoted.joined(separator: " ")) </dev/null >'\(out)' 2>'\(err)'")
        return Binary.Result(status: (status >> 8) & 0xFF, stdout: Binary.read(out), stderr: Binary.read(err))
    }

    /// The cache files in `folder`, with their inode numbers.
    static func cacheFiles(_ folder: String) -> [String: UInt] {
        guard let dir = opendir(folder) else { return [:] }
        defer { closedir(dir) }
        var out: [String: UInt] = [:]
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".pxc") { out[name] = UInt(entry.pointee.d_ino) }
        }
        return out
    }

    @Test func aSecondOpenReadsTheCacheAndPrintsTheSame() {
        let folder = "/tmp/parallax-scenario-cache-e2e-\(getpid())"
        mkdir(folder, 0o700)
        defer { _ = system("rm -rf '\(folder)'") }
        let path = Self.largeScenario(in: folder), cache = folder + "/cache"
        let commands = "end; claims all; compare ARM AZE all; show e; figures all"

        let uncached = Self.run(["check", path, "--no-cache"], cache: cache)
        #expect(Self.cacheFiles(cache + "/parallax").isEmpty)

        let first = Self.run(["check", path], cache: cache)
        #expect(first.stderr == uncached.stderr)
        #expect(first.status == 0 && first.stderr.hasSuffix("\n7 warnings\n"))
        #expect(first.stderr.contains("large.yaml:25:95: warning: 'b' gives 20 where arm-mod's earlier claim 'a' gave 3"))
        let written = Self.cacheFiles(cache + "/parallax")
        #expect(written.count == 1)

        let second = Self.run(["check", path], cache: cache)
        #expect(second.stdout == first.stdout && second.stderr == first.stderr && second.status == first.status)
        // Read, not rewritten: the same file (a rewrite renames a new one into place).
        #expect(Self.cacheFiles(cache + "/parallax") == written)

        let opened = Self.run([path, "-c", commands], cache: cache)
        let parsed = Self.run([path, "--no-cache", "-c", commands], cache: cache)
        #expect(opened.status == 0 && opened.stdout.contains("ARM") && opened.stdout == parsed.stdout && opened.stderr == parsed.stderr)
        #expect(opened.stderr == "\(path): 7 warnings; 'parallax check \(path)' lists them\n")
        #expect(Self.cacheFiles(cache + "/parallax") == written)

        // Named another way (relative to another folder), the same file reads the same cache,
        // and every location names it as given now.
        let relative = Self.run(["check", "large.yaml"], cache: cache, directory: folder)
        #expect(relative.stderr == first.stderr.replacing(path, with: "large.yaml"))
        #expect(Self.cacheFiles(cache + "/parallax") == written)
    }
}
