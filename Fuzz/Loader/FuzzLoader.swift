import FuzzSupport
import Parallax

/// libFuzzer entry for the scenario loader: any bytes must end in a model or in located
/// diagnostics, never a crash or a hang. Diagnostics are rendered too, since drawing a caret
/// under a problem in arbitrary text is where an off-by-one would show.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    load(bytes)
    // The same text after a blank line of 64 KiB: past the size (the loader's
    // Thresholds.twoPartBytes) from which block-style YAML and JSON are read in two parts on two
    // threads, which inputs of a fuzzer's size never reach otherwise. (Blank, not a
    // comment: JSON has none.)
    load(padding + bytes)
    return 0
}

let padding = [UInt8](repeating: 32, count: 64 * 1024) + [10]

func load(_ bytes: [UInt8]) {
    do {
        _ = try ScenarioLoader.load(bytes: bytes, path: "fuzz.yaml")
    } catch {
        precondition(!error.diagnostics.isEmpty, "a refused scenario says why")
        _ = error.description
    }
}

#if !FUZZING
/// Without libFuzzer (a normal `swift build`), replays the files named on the command line,
/// so a crash the fuzzer saved can be rerun under the debugger.
@main enum ReplayLoader {
    static func main() { FuzzReplay.run(fuzzLoader) }
}
#endif
