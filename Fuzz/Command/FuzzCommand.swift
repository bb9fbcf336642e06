import FuzzSupport
import Parallax

/// A small scenario to run commands against, so that the parsing of a line and not the
/// rendering of a large answer takes the fuzzer's time.
let scenario: Scenario = {
    let text = """
    parallax: 1
    scenario: {id: demo, title: Demo}
    sources:
      - {id: src, publisher: Paper, title: Report, date: 2021-11-16}
    parties:
      - {id: ARM, name: Armenia, role: belligerent}
      - {id: AZE, name: Azerbaijan, role: belligerent}
    actors:
      - {id: arm-mod, name: Armenian Defense Ministry, party: ARM}
    events:
      - {id: clash, date: 2021-11-16, phase: escalation, type: fight, title: Clash, sources: [src]}
      - {id: calm, date: 2021-11-17, phase: de-escalation, type: ceasefire, title: Calm, sources: [src]}
    """
    do { return try ScenarioLoader.load(bytes: Array(text.utf8), path: "demo.yaml") } catch { fatalError("\(error)") }
}()

/// libFuzzer entry for the command line: bytes are one line typed at the prompt. Each
/// command on it is lexed, parsed into a command that must print and read back as itself,
/// its arguments read as a `where` filter of every kind, and then run in safe mode; every
/// step must end in a value or a located error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommand(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let line = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for segment in Lexer.segments(line) {
        guard case .success(let tokens) = Lexer.tokens(segment.text, base: segment.column),
              let first = tokens.first else { continue }
        if case .success(let spec) = CommandTable.resolve(first) { _ = spec.name }
        roundTrip(segment)
        // The arguments as a `where` filter of every kind.
        for name in ["events", "claims", "actors"] {
            guard let spec = CommandTable.spec(named: name),
                  let command = try? CommandParser.parse(spec, word: first, tokens: Array(tokens.dropFirst())),
                  let again = Lexer.segments(command.canonical).first else { continue }
            roundTrip(again)
        }
    }
    let interpreter = FuzzReplay.safeInterpreter(on: scenario)
    for outcome in interpreter.execute(line: line) {
        if case .failure(let error) = outcome.result { _ = error.rendered }
    }
    return 0
}

/// A command that parses must print (as `record` writes it) as text that parses back to the
/// same command, or a saved script would not mean what was typed; that includes its filter.
func roundTrip(_ segment: Lexer.Segment) {
    guard case .success(let command) = CommandParser.parse(segment) else { return }
    let printed = command.canonical
    guard let again = Lexer.segments(printed).first, Lexer.segments(printed).count == 1 else {
        preconditionFailure("a printed command is not one command: \(printed)")
    }
    switch CommandParser.parse(again) {
    case .success(let reparsed):
        precondition(reparsed == command, "a printed command reads back differently: \(printed)")
        precondition(reparsed.canonical == printed, "a printed command prints differently: \(printed)")
    case .failure(let error):
        preconditionFailure("a printed command does not parse: \(printed): \(error.message)")
    }
}

#if !FUZZING
/// Without libFuzzer, replays the files named on the command line.
@main enum ReplayCommand {
    static func main() { FuzzReplay.run(fuzzCommand) }
}
#endif
