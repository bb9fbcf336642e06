import Parallax
#if canImport(Glibc)
import Glibc
#endif

// Times commands of the language on a loaded scenario, in-process, so the figures are
// the commands' own cost rather than process start and loading.
// Usage: command-bench SCENARIO [--runs N] [--setup 'LINE'] [--clock cpu] [--dump] COMMAND…
Memory.keepFreedMemory()  // as the parallax executable does
var args = Array(CommandLine.arguments.dropFirst())
var runs = 21
func take(_ flag: String, from args: inout [String]) -> String? {
    guard let i = args.firstIndex(of: flag), i + 1 < args.count else { return nil }
    defer { args.removeSubrange(i...(i + 1)) }
    return args[i + 1]
}
if let r = take("--runs", from: &args), let n = Int(r) { runs = n }
let setupLine = take("--setup", from: &args)
// `--dump`: print each command's output once (text at width 100; then at 60 with colour
// and at 25 in ASCII) instead of timing it, to check that a change keeps every byte.
let dump = args.contains("--dump")
args.removeAll { $0 == "--dump" }
guard args.count >= 2 else {
    print("usage: command-bench SCENARIO [--runs N] [--setup 'LINE'] [--clock cpu] [--dump] COMMAND…")
    exit(2)
}
// `--clock cpu`: this thread's CPU time instead of wall time. A busy machine disturbs it
// less, but it misses the work that large outputs do on the second core.
let clock = take("--clock", from: &args) == "cpu" ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC
nonisolated func now() -> Double {
    var t = timespec()
    clock_gettime(clock, &t)
    return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1_000_000
}
let t0 = now()
let scenario: Scenario
do {
    scenario = try ScenarioFile.load(path: args[0])  // a scenario, or an event-data export by its shape
} catch {
    print(error.rendered(carets: false))
    exit(1)
}
let loadMs = now() - t0
print("loaded \(args[0]): \(scenario.events.count) events, \(scenario.claims.count) claims in \(format1(loadMs)) ms")
let interpreter = Interpreter(session: Session(scenario: scenario))
_ = interpreter.execute(line: setupLine ?? "goto #\(scenario.events.count / 2)")
print("cursor at \(interpreter.session.positionText); median of \(runs) runs (\(clock == CLOCK_MONOTONIC ? "wall" : "CPU") time), rendered as text at width 100")

nonisolated func format1(_ v: Double) -> String {
    let r = (v * 100).rounded() / 100
    return String(r)
}

/// Where each run's output goes: UTF-8 bytes appended to a new buffer, as the REPL and
/// batch runs write output to the console (never made into a `String` on the way).
var output: [UInt8] = []

/// One run of a command and its rendering: a function of its own, so that
/// `valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*timedRun*'` counts
/// the commands and not the loading.
@inline(never)
@MainActor func timedRun(_ command: String) -> (bytes: Int, failed: Bool) {
    var failed = false
    output = []
    for o in interpreter.execute(line: command) {
        switch o.result {
        case .success(let d): Renderer.render(d, RenderOptions(format: .text, width: 100), into: &output)
        case .failure(let e): failed = true; print("  \(command): \(e.message)")
        }
    }
    return (output.count, failed)
}

if dump {
    let cursor = interpreter.session.cursor
    for command in args.dropFirst() {
        for options in [RenderOptions(format: .text, width: 100), RenderOptions(format: .text, width: 60, color: true),
                        RenderOptions(format: .text, width: 25, unicode: false)] {
            print("=== \(command) (width \(options.width))")
            for o in interpreter.execute(line: command) {
                switch o.result {
                case .success(let d): print(Renderer.render(d, options))
                case .failure(let e): print(e.rendered)
                }
            }
            interpreter.session.move(to: cursor)
        }
    }
    exit(0)
}

for command in args.dropFirst() {
    var times: [Double] = []
    var failed = false
    for _ in 0..<runs {
        let cursor = interpreter.session.cursor
        let start = now()
        let result = timedRun(command)
        times.append(now() - start)
        interpreter.session.move(to: cursor)
        failed = failed || result.failed
    }
    times.sort()
    let median = times[times.count / 2]
    print("\(failed ? "FAILED " : "")\(format1(median)) ms  \(command)")
}
