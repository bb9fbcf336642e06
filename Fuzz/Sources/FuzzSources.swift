#if canImport(Glibc)
import Glibc
#endif
import FuzzSupport
import Parallax

/// libFuzzer entry for the script runner across files: bytes are several scripts separated
/// by lines `---`, written as 0.px, 1.px … into a safe-mode folder and run from 0.px, so
/// `source` chains, cycles, depth and the errors of sourced scripts (with their "sourced
/// from" lines) are all reached. Run as `parallax run --safe`: no input can write a file or
/// read outside the folder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSources(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let scripts = text.split(separator: "\n---\n", maxSplits: 7, omittingEmptySubsequences: false)
    let folder = FuzzReplay.emptyFolder
    for k in 0..<8 {
        let path = folder + "/\(k).px"
        if k < scripts.count {
            guard let file = fopen(path, "w") else { continue }
            var body = String(scripts[k])
            body.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, file) }
            fclose(file)
        } else {
            unlink(path)
        }
    }
    guard case .success(let script) = Script.read(folder + "/0.px") else { return 0 }
    FuzzReplay.runSafely(script)
    return 0
}

#if !FUZZING
/// Without libFuzzer, replays the files named on the command line.
@main enum ReplaySources {
    static func main() { FuzzReplay.run(fuzzSources) }
}
#endif
