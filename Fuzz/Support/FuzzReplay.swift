#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Parallax

/// What the three fuzz targets share: rerunning saved inputs without libFuzzer, and the
/// scenarios the command and script targets run against.
public enum FuzzReplay {
    /// Feeds each file named on the command line to `entry`, as libFuzzer would, so a saved
    /// crash can be rerun in a plain debug build (`swift run FuzzLoader crash-…`).
    public static func run(_ entry: (UnsafePointer<UInt8>, Int) -> CInt) {
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty {
            print("usage: \(CommandLine.arguments[0]) FILE…  (replays inputs; Scripts/fuzz.sh fuzzes)")
        }
        for path in paths {
            switch FileReader.contents(of: path) {
            case .failure(let d):
                print("\(path): \(d.message)")
                exit(1)
            case .success(let bytes):
                // A zero-length input still needs a valid pointer.
                let copy = bytes.isEmpty ? [0] : bytes
                _ = copy.withUnsafeBufferPointer { entry($0.baseAddress!, bytes.count) }
                print("\(path): ok")
            }
        }
    }

    /// The package root, from this file's place in it.
    public static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// The bundled scenario, read once: every input starts a fresh session on it.
    public static let seed: Scenario = {
        do {
            return try ScenarioLoader.load(path: root + "/seeds/armenia-azerbaijan-2021-11.yaml")
        } catch {
            fatalError("fuzz targets need the seed scenario: \(error)")
        }
    }()

    /// An empty folder of its own that a safe-mode run may read from: nothing in it, so a
    /// fuzzed `load` or `source` reaches only the refusal and not-found paths.
    public static let emptyFolder: String = {
        var template = Array("/tmp/parallax-fuzz-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { fatalError("cannot make a folder in /tmp") }
        return String(cString: made)
    }()

    /// A fresh interpreter on `scenario` in safe mode, as `parallax run --safe` sets it up:
    /// nothing it runs may write a file or read outside `emptyFolder`.
    public static func safeInterpreter(on scenario: Scenario) -> Interpreter {
        var environment = Environment()
        environment.safe = true
        environment.safeFolder = emptyFolder
        environment.baseDirectory = emptyFolder
        return Interpreter(session: Session(scenario: scenario), environment: environment)
    }

    /// Runs `script` on the bundled scenario in safe mode, rendering every document as the
    /// terminal would get it and every failure as its message.
    public static func runSafely(_ script: Script) {
        let options = RenderOptions(format: .text, width: 80)
        let runner = ScriptRunner(interpreter: safeInterpreter(on: seed)) { output in
            switch output {
            case .command: break
            case .document(let document): _ = Renderer.render(document, options)
            case .failure(let failure): _ = failure.rendered
            case .warning: break
            }
        }
        runner.run(script)
    }
}
