import Parallax
#if canImport(Glibc)
import Glibc
#endif

// Times commands of the language on a loaded scenario, in-process, so the figures are
// the commands' own cost rather than process start and loading.
// Usage: command-bench SCENARIO [--runs N] [--setup 'LINE'] COMMAND…
var args = Array(CommandLine.arguments.dropFirst())
var runs = 21
func take(_ flag: String, from args: inout [String]) -> String? {
    guard let i = args.firstIndex(of: flag), i + 1 < args.count else { return nil }
    defer { args.removeSubrange(i...(i + 1)) }
    return args[i + 1]
}
if let r = take("--runs", from: &args), let n = Int(r) { runs = n }
let setupLine = take("--setup", from: &args)
guard args.count >= 2 else {
    print("usage: command-bench SCENARIO [--runs N] [--setup 'LINE'] COMMAND…")
    exit(2)
}
nonisolated func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1_000_000
}
let t0 = now()
let scenario: Scenario
do {
    scenario = try ScenarioLoader.load(path: args[0])
} catch {
    print(error.rendered(carets: false))
    exit(1)
}
let loadMs = now() - t0
print("loaded \(args[0]): \(scenario.events.count) events, \(scenario.claims.count) claims in \(format1(loadMs)) ms")
let interpreter = Interpreter(session: Session(scenario: scenario))
_ = interpreter.execute(line: setupLine ?? "goto #\(scenario.events.count / 2)")
print("cursor at \(interpreter.session.positionText); median of \(runs) runs, rendered as text at width 100")

nonisolated func format1(_ v: Double) -> String {
    let r = (v * 100).rounded() / 100
    return String(r)
}

for command in args.dropFirst() {
    var times: [Double] = []
    var failed = false
    for _ in 0..<runs {
        let cursor = interpreter.session.cursor
        let start = now()
        let outcomes = interpreter.execute(line: command)
        var bytes = 0
        for o in outcomes {
            switch o.result {
            case .success(let d): bytes += Renderer.render(d, RenderOptions(format: .text, width: 100)).utf8.count
            case .failure(let e): failed = true; print("  \(command): \(e.message)")
            }
        }
        times.append(now() - start)
        interpreter.session.move(to: cursor)
        _ = bytes
    }
    times.sort()
    let median = times[times.count / 2]
    print("\(failed ? "FAILED " : "")\(format1(median)) ms  \(command)")
}
