import FuzzSupport
import Parallax

/// libFuzzer entry for the script runner: bytes are a `.px` script run on the bundled
/// scenario in safe mode (as `parallax run --safe`), so no input can write a file. Every
/// document is rendered as the terminal would get it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScript(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let script = Script(path: FuzzReplay.emptyFolder + "/fuzz.px", text: text)
    let interpreter = FuzzReplay.safeInterpreter(on: FuzzReplay.seed)
    let options = RenderOptions(format: .text, width: 80)
    let runner = ScriptRunner(interpreter: interpreter) { output in
        switch output {
        case .command: break
        case .document(let document): _ = Renderer.render(document, options)
        case .failure(let failure): _ = failure.rendered
        case .warning: break
        }
    }
    runner.run(script)
    return 0
}

#if !FUZZING
/// Without libFuzzer, replays the files named on the command line.
@main enum ReplayScript {
    static func main() { FuzzReplay.run(fuzzScript) }
}
#endif
