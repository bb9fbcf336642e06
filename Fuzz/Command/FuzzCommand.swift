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
/// command on it is lexed, its word resolved, its arguments read as a `where` filter of every
/// kind, and then run in safe mode; every step must end in a value or a located error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommand(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let line = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for segment in Lexer.segments(line) {
        guard case .success(let tokens) = Lexer.tokens(segment.text, base: segment.column),
              let first = tokens.first else { continue }
        if case .success(let spec) = CommandTable.resolve(first) { _ = spec.name }
        let rest = Array(tokens.dropFirst())
        roundTrip(rest, FilterSchemas.event)
        roundTrip(rest, FilterSchemas.claim)
        roundTrip(rest, FilterSchemas.actor)
    }
    let interpreter = FuzzReplay.safeInterpreter(on: scenario)
    for outcome in interpreter.execute(line: line) {
        if case .failure(let error) = outcome.result { _ = error.rendered }
    }
    return 0
}

/// Reads the tokens as `where FILTER`; a filter that parses must print as text that parses
/// back to the same filter, or `where` in a saved script would not mean what was shown.
func roundTrip<E>(_ tokens: [Token], _ schema: FilterSchema<E>) {
    func parse(_ tokens: [Token]) throws(CommandError) -> Filter? {
        var arguments = Arguments(tokens: tokens, command: schema.entity, rest: "", endColumn: 1)
        return try arguments.filter(schema)
    }
    guard let filter = try? parse(tokens) else { return }
    let printed = filter.text
    guard case .success(let again) = Lexer.tokens("where " + printed) else {
        preconditionFailure("a printed filter does not lex: \(printed)")
    }
    do {
        let reparsed = try parse(again)
        precondition(reparsed?.text == printed, "a printed filter reads back differently: \(printed)")
    } catch {
        preconditionFailure("a printed filter does not parse: \(printed): \(error.message)")
    }
}

#if !FUZZING
/// Without libFuzzer, replays the files named on the command line.
@main enum ReplayCommand {
    static func main() { FuzzReplay.run(fuzzCommand) }
}
#endif
