import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The HTML report as a browser sees it: `parallax export html` (and `run --format html`)
/// on the bundled scenario and on the test scenarios under Tests/Scenarios, each checked
/// by Scripts/check-report.py: html5lib in strict mode, every SVG as XML, then headless
/// Chromium, whose measured boxes must hold the chart, the contact web and the figures
/// picture inside the page, and whose screenshot must not be blank there. Skipped, loudly,
/// only where Chromium or html5lib cannot be had (Scripts/install-deps.sh --tests installs both).
@Suite("HTML report in a browser", .serialized)
struct ReportBrowserTests {
    /// A Python that has html5lib (Debian's is /usr/bin/python3), and Chromium.
    static let tools: (python: String, chromium: String)? = {
        let python = ["/usr/bin/python3", "python3"].first { shell("\($0) -c 'import html5lib' >/dev/null 2>&1") == 0 }
        let chromium = ["chromium", "chromium-browser", "google-chrome"].first { shell("command -v \($0) >/dev/null 2>&1") == 0 }
        guard let python, let chromium else {
            print("""

                ⚠️  SKIPPED: the HTML report browser tests need Chromium and python3-html5lib \
                (found python with html5lib: \(python ?? "none"), chromium: \(chromium ?? "none")). \
                Run Scripts/install-deps.sh --tests.

                """)
            return nil
        }
        return (python, chromium)
    }()

    static func shell(_ command: String) -> Int32 {
        let status = system(command)
        return (status >> 8) & 0xFF
    }

    static func folder() -> String {
        let path = "/tmp/parallax-report-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        mkdir(path, 0o700)
        return path
    }

    /// Runs the checker on a file; its output when it fails.
    static func check(_ file: String, pictures: String = "chart,web,figures") -> Binary.Result {
        guard let tools else { return Binary.Result(status: 0, stdout: "", stderr: "") }
        let out = file + ".check"
        let status = shell("'\(tools.python)' '\(Binary.root)/Scripts/check-report.py' '\(file)' --chromium '\(tools.chromium)' "
                           + "--expect-pictures \(pictures) >'\(out)' 2>&1")
        return Binary.Result(status: status, stdout: Binary.read(out), stderr: "")
    }

    /// The scenarios a report is checked on: the bundled one, as of the mediation, and
    /// every test scenario in Tests/Scenarios (the hostile texts, and any added later), at
    /// its end.
    static let scenarios: [(name: String, arguments: [String])] = {
        var list: [(String, [String])] = [("bundled", ["-c", "goto #11"])]
        for folder in ["Tests/Scenarios", "Tests/ParallaxTests/Scenarios"] {
            guard let dir = opendir(Binary.root + "/" + folder) else { continue }
            var names: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name.hasSuffix(".yaml") || name.hasSuffix(".json") { names.append(name) }
            }
            closedir(dir)
            for name in names.sorted() { list.append((name, [folder + "/" + name, "-c", "end"])) }
        }
        return list
    }()

    /// The pictures a scenario's report must hold, from what its commands say in JSON: the
    /// chart always, the web when there are contacts, the figures when any are claimed.
    static func pictures(_ arguments: [String]) -> String {
        let scenario = arguments.first { !$0.hasPrefix("-") && $0.contains("/") }.map { [$0] } ?? []
        let setup = arguments.last ?? ""
        let contacts = Binary.run(scenario + ["-c", setup + "; contacts", "--format", "json"]).stdout
        let figures = Binary.run(scenario + ["-c", setup + "; figures", "--format", "json"]).stdout
        return "chart" + (contacts.contains(#""name": "contacts""#) ? ",web" : "")
            + (figures.contains(#""name": "figures.summary""#) ? ",figures" : "")
    }

    @Test func testScenariosAreFound() {
        #expect(Self.scenarios.map(\.name).contains("hostile-report.yaml"))
        #expect(Self.scenarios.map(\.name).contains("galwan-2020-06.yaml"))
    }

    @Test(arguments: scenarios.map(\.name))
    func reportOpensInChromium(_ name: String) throws {
        guard Self.tools != nil else { return }
        let arguments = try #require(Self.scenarios.first { $0.name == name }?.arguments)
        let dir = Self.folder()
        let file = dir + "/\(name).html"
        let r = Binary.run(["export", "html"] + arguments + ["-o", file])
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        let pictures = Self.pictures(arguments)
        if name == "bundled" || name == "hostile-report.yaml" { #expect(pictures == "chart,web,figures") }
        let check = Self.check(file, pictures: pictures)
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("ok: pictures laid out inside the page"))
    }

    @Test func scriptReportOpensInChromium() {
        guard Self.tools != nil else { return }
        let dir = Self.folder()
        Binary.write("""
            # How the clash unfolded <and> who said what.
            goto clash-2021-11-16
            ## Pictures
            escalation
            contacts
            figures all
            compare ARM AZE
            """, to: dir + "/report.px")
        let r = Binary.run(["run", dir + "/report.px", "--format", "html", "-o", dir + "/report.html"])
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        let html = Binary.read(dir + "/report.html")
        #expect(html.contains("<p class=\"prose\">How the clash unfolded &lt;and&gt; who said what.</p>"))
        #expect(html.contains("<h2>Pictures</h2>"))
        let check = Self.check(dir + "/report.html")
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test func svgIsWellFormedXML() {
        guard let tools = Self.tools else { return }
        let dir = Self.folder()
        for (name, arguments) in Self.scenarios {
            let file = dir + "/\(name).svg"
            #expect(Binary.run(["export", "svg"] + arguments + ["-o", file]).status == 0)
            #expect(Self.shell("'\(tools.python)' '\(Binary.root)/Scripts/check-report.py' '\(file)' >/dev/null") == 0, "\(name).svg")
        }
    }

    @Test func batchExportErrors() {
        #expect(Binary.run(["export", "pdf", "-o", "/tmp/x"]).status == 2)
        let party = Binary.run(["export", "html", "--party", "XYZ", "-o", "/tmp/parallax-never-written.html"])
        #expect(party.status == 1 && party.stderr.contains("unknown party 'XYZ'"))
        let failing = Binary.run(["export", "csv", "-c", "goto nowhere", "-o", "-"])
        #expect(failing.status == 1 && failing.stdout.isEmpty && failing.stderr.contains("nowhere"))
        let csv = Binary.run(["export", "csv", "-c", "goto #9; claims", "-o", "-"])
        #expect(csv.status == 0 && csv.stdout.hasPrefix("id,date,by,status,says,claim_id,event_id,party_id,sources\r\n"))
        #expect(Binary.run(["run", "Scripts/walkthrough.px", "-o", "/tmp/x.html"]).status == 2)
    }
}
