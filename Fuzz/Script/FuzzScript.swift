import FuzzSupport
import Parallax

/// libFuzzer entry for the script runner: bytes are a `.px` script run on the bundled
/// scenario in safe mode (as `parallax run --safe`), so no input can write a file. Every
/// document is rendered as the terminal would get it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScript(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let script = Script(path: FuzzReplay.emptyFolder + "/fuzz.px", text: text)
    FuzzReplay.runSafely(script)
    return 0
}

#if !FUZZING
/// Without libFuzzer, replays the files named on the command line.
@main enum ReplayScript {
    static func main() { FuzzReplay.run(fuzzScript) }
}
#endif
