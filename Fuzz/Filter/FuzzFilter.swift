import FuzzSupport
import Parallax

/// libFuzzer entry for the filter language: bytes are what follows `where`. It is read as a
/// filter of every kind of entity; a filter that parses must print back to itself and be
/// evaluated on the seed's entities; one that does not must be a located error. Deep
/// nesting (ten thousand `(` or `not`, chains of `or`) is what this target exists to find.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // A command line never holds a line break: the REPL, scripts and `-c` split lines first.
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
        .prefix { $0 != "\n" && $0 != "\r" && $0 != "\r\n" }
    let line = "events where " + text
    guard case .success(let tokens) = Lexer.tokens(line), tokens.count >= 2 else { return 0 }
    let arguments = Array(tokens.dropFirst())
    check(arguments, line, FilterSchemas.event, Array(FuzzReplay.seed.events))
    check(arguments, line, FilterSchemas.claim, Array(FuzzReplay.seed.claims))
    check(arguments, line, FilterSchemas.actor, FuzzReplay.seed.actors)
    return 0
}

func check<E>(_ tokens: [Token], _ line: String, _ schema: FilterSchema<E>, _ entities: [E]) {
    func parse(_ tokens: [Token]) throws(CommandError) -> Filter? {
        guard let whereToken = tokens.first, whereToken.isKeyword("where"),
              let target = FilterTarget(rawValue: schema.entity) else { return nil }
        return try target.parse(Array(tokens.dropFirst()), after: whereToken)
    }
    let filter: Filter?
    do {
        filter = try parse(tokens)
    } catch {
        var located = error
        located.line = line
        precondition(located.column != nil, "a filter error without a column: \(error.message)")
        precondition(located.rendered.utf8.count < 2_000, "an unbounded filter error: \(located.rendered.utf8.count) bytes")
        return
    }
    guard let filter else { return }
    for entity in entities.prefix(20) { _ = filter.matches(entity, in: FuzzReplay.seed, schema: schema) }
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
@main enum ReplayFilter {
    static func main() { FuzzReplay.run(fuzzFilter) }
}
#endif
