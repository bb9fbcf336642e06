// yams-load [--decode] [--verbose] FILE
//
// Parses a Parallax scenario with Yams, for timing side by side with `parallax check`:
//   default   Yams.compose: the YAML text into a Yams.Node tree (tags resolved as YAML 1.1).
//   --decode  YAMLDecoder into the Codable structs below, enough to read events and claims.
// Exits 0 on success, 1 on a parse or decode error; prints nothing unless --verbose.
import Foundation
import Yams

// MARK: - The scenario format, as plain Codable structs (no validation of references)

struct ScenarioFile: Decodable {
    var parallax: Int
    var scenario: Info
    var sources: [Source]
    var parties: [Party]
    var actors: [Actor]?
    var places: [Place]?
    var events: [Event]
    var questions: [Question]?
    var claims: [Claim]?
}

struct Info: Decodable {
    var id: String
    var title: String
    var summary: String?
    var as_of: String?
}

struct Source: Decodable {
    var id: String
    var publisher: String
    var title: String
    var date: String
    var url: String?
}

struct Party: Decodable {
    var id: String
    var name: String
    var role: String
}

struct Actor: Decodable {
    var id: String
    var name: String
    var party: String
    var kind: String?
    var title: String?
}

struct Place: Decodable {
    var id: String
    var name: String
    var note: String?
}

struct Event: Decodable {
    var id: String
    var date: String
    var time: String?
    var order: Int?
    var phase: String
    var type: String
    var actors: [String]?
    var place: String?
    var reported_by: [String]?
    var title: String
    var description: String?
    var intensity: Double?
    var sources: [String]
}

struct Question: Decodable {
    var id: String
    var text: String
    var about: String
}

struct Claim: Decodable {
    var id: String
    var by: String
    var about: String
    var made_on: String?
    var known_at: String?
    var says: String
    var quote: String?
    var status: String
    var answers: [String: String]?
    var figures: [Figure]?
    var relayed_by: String?
    var confirms: [String]?
    var denies: [String]?
    var revises: String?
    var sources: [String]
}

struct Figure: Decodable {
    var party: String?
    var note: String?
    var killed: FigureValue?
    var wounded: FigureValue?
    var captured: FigureValue?
    var missing: FigureValue?
    var displaced: FigureValue?
}

/// `15`, `{min: 1, max: 15}` or `{at_least: 15}`.
enum FigureValue: Decodable {
    case exact(Int)
    case range(min: Int, max: Int)
    case atLeast(Int)

    private enum Keys: String, CodingKey { case min, max, at_least }

    init(from decoder: Decoder) throws {
        if let n = try? decoder.singleValueContainer().decode(Int.self) {
            self = .exact(n)
            return
        }
        let c = try decoder.container(keyedBy: Keys.self)
        if let n = try c.decodeIfPresent(Int.self, forKey: .at_least) {
            self = .atLeast(n)
        } else {
            self = .range(min: try c.decode(Int.self, forKey: .min), max: try c.decode(Int.self, forKey: .max))
        }
    }
}

// MARK: - Main

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

var decode = false, verbose = false
var path: String?
for arg in CommandLine.arguments.dropFirst() {
    switch arg {
    case "--decode": decode = true
    case "--verbose", "-v": verbose = true
    case "-h", "--help":
        print("usage: yams-load [--decode] [--verbose] FILE")
        exit(0)
    default:
        if path != nil { fail("usage: yams-load [--decode] [--verbose] FILE") }
        path = arg
    }
}
guard let path else { fail("usage: yams-load [--decode] [--verbose] FILE") }
guard let data = FileManager.default.contents(atPath: path) else { fail("\(path): cannot read") }
let text = String(decoding: data, as: UTF8.self)

do {
    if decode {
        let file = try YAMLDecoder().decode(ScenarioFile.self, from: text)
        if verbose {
            let claims = file.claims ?? []
            let figures = claims.reduce(0) { $0 + ($1.figures?.count ?? 0) }
            print("decoded \(file.events.count) events, \(claims.count) claims, \(figures) figures")
        }
    } else {
        guard let root = try Yams.compose(yaml: text) else { fail("\(path): no YAML document") }
        if verbose {
            let events = root["events"]?.sequence?.count ?? 0
            let claims = root["claims"]?.sequence?.count ?? 0
            print("composed \(events) events, \(claims) claims")
        }
    }
} catch {
    fail("\(path): \(error)")
}
