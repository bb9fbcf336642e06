import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Parallax installed as a Unix tool: `Scripts/install.sh` into a temporary DESTDIR (with the
/// binary the tests already built, so the suite builds nothing more), then the manual pages
/// rendered by groff and man, the completion scripts loaded in bash, zsh and fish, and
/// `--uninstall`; the XDG files: the config file's defaults, `--paths`, and a `parallax:`
/// line of ~/.editrc taking effect on a pseudo-terminal.
@Suite("Installing, manual pages, completions and user files", .serialized)
struct InstallTests {
    /// A fresh folder, removed afterwards.
    final class Folder {
        let path: String
        init() {
            var template = Array("/tmp/parallax-install-XXXXXX".utf8CString)
            path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
        }
        deinit { _ = Shell.run("rm -rf '\(path)'") }
    }

    /// Runs a shell command line; stdout and stderr apart.
    enum Shell {
        static func run(_ command: String) -> Binary.Result {
            let tmp = "/tmp/parallax-sh-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let status = system("(\(command)) >\(tmp).out 2>\(tmp).err </dev/null")
            defer { unlink(tmp + ".out"); unlink(tmp + ".err") }
            return Binary.Result(status: (status >> 8) & 0xFF, stdout: Binary.read(tmp + ".out"), stderr: Binary.read(tmp + ".err"))
        }

        static func has(_ program: String) -> Bool { run("command -v \(program)").status == 0 }
    }

    static let prefix = "/usr/local"

    /// Installs into a new DESTDIR and returns it.
    func install() throws -> Folder {
        let destdir = Folder()
        let r = Shell.run("cd '\(Binary.root)' && DESTDIR='\(destdir.path)' PARALLAX_BINARY='\(Binary.path)' Scripts/install.sh \(Self.prefix)")
        #expect(r.status == 0, "\(r.stderr)")
        return destdir
    }

    @Test func installRendersEveryPageLoadsEveryCompletionAndUninstallsToNothing() throws {
        for tool in ["groff", "man", "bash", "zsh", "fish"] {
            try #require(Shell.has(tool), "\(tool) is missing: Scripts/install-deps.sh --tests installs it")
        }
        let destdir = try install()
        let root = destdir.path + Self.prefix
        let installed = Shell.run("cd '\(destdir.path)' && find . -type f | sort").stdout
        #expect(installed == """
            ./usr/local/bin/parallax
            ./usr/local/share/bash-completion/completions/parallax
            ./usr/local/share/fish/vendor_completions.d/parallax.fish
            ./usr/local/share/man/man1/parallax.1
            ./usr/local/share/man/man5/parallax-scenario.5
            ./usr/local/share/man/man7/parallax-commands.7
            ./usr/local/share/parallax/install-manifest
            ./usr/local/share/zsh/site-functions/_parallax

            """)
        #expect(Shell.run("'\(root)/bin/parallax' --version").stdout.hasPrefix("parallax "))

        // Each page renders without a single warning, through groff and through man.
        for page in ["man1/parallax.1", "man5/parallax-scenario.5", "man7/parallax-commands.7"] {
            let file = root + "/share/man/" + page
            let groff = Shell.run("groff -man -wall -ww -z '\(file)'")
            #expect(groff.status == 0 && groff.stderr.isEmpty, "\(page): \(groff.stderr)")
            for width in [80, 120] {
                let man = Shell.run("LC_ALL=C.UTF-8 MANWIDTH=\(width) man --warnings -l '\(file)'")
                #expect(man.status == 0 && man.stderr.isEmpty, "\(page) at \(width) columns: \(man.stderr)")
                #expect(man.stdout.contains("NAME"))
            }
        }
        let manual = Shell.run("LC_ALL=C.UTF-8 MANWIDTH=200 man -l '\(root)/share/man/man1/parallax.1'").stdout
        assertEveryOption(in: manual)

        // `parallax ch` completes to `check` in each shell, from the installed script.
        let bash = Shell.run("""
            bash -c 'source "\(root)/share/bash-completion/completions/parallax"
            COMP_WORDS=(parallax ch); COMP_CWORD=1; COMP_LINE="parallax ch"; COMP_POINT=11
            _parallax parallax ch parallax; printf "%s\\n" "${COMPREPLY[@]}"
            COMP_WORDS=(parallax --format ""); COMP_CWORD=2; COMP_LINE="parallax --format "; COMP_POINT=18
            COMPREPLY=(); _parallax parallax "" --format; printf "%s\\n" "${COMPREPLY[@]}"'
            """)
        #expect(bash.stdout == "check\ntext\njson\nmarkdown\n", "\(bash.stderr)")

        let fish = Shell.run("""
            fish --no-config -c 'source "\(root)/share/fish/vendor_completions.d/parallax.fish"; complete -C"parallax ch"; \
            complete -C"parallax run \(Binary.root)/Scripts/walk"'
            """)
        #expect(fish.stdout.split(separator: "\n").map { $0.split(separator: "\t")[0] }
                == ["check", "\(Binary.root)/Scripts/walkthrough.px"], "\(fish.stderr)")

        let zsh = Shell.run("zsh -f '\(Binary.root)/Tests/EndToEndTests/complete-in-zsh.zsh' '\(root)/share/zsh/site-functions' 'parallax ch'")
        #expect(zsh.stdout == "parallax check \n", "\(zsh.stderr)")

        let uninstall = Shell.run("cd '\(Binary.root)' && DESTDIR='\(destdir.path)' Scripts/install.sh --uninstall \(Self.prefix)")
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        #expect(Shell.run("cd '\(destdir.path)' && find . -mindepth 1").stdout == "")
    }

    /// Every option the argument parser knows (bar hidden ones) is in parallax(1).
    func assertEveryOption(in manual: String) {
        let dump = Binary.run(["--experimental-dump-help"]).stdout
        guard let json = try? JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any],
              let command = json["command"] as? [String: Any] else {
            Issue.record("no dump of the command line")
            return
        }
        var commands = [command]
        var seen = 0
        while let next = commands.popLast() {
            commands += (next["subcommands"] as? [[String: Any]]) ?? []
            let name = next["commandName"] as? String ?? ""
            if name != "help" && name != "parallax" { #expect(manual.contains("parallax \(name)") || manual.contains(name + " (the default)")) }
            for argument in (next["arguments"] as? [[String: Any]]) ?? [] where argument["shouldDisplay"] as? Bool == true {
                for spelled in (argument["names"] as? [[String: Any]]) ?? [] {
                    let text = (spelled["kind"] as? String == "long" ? "--" : "-") + (spelled["name"] as? String ?? "")
                    #expect(manual.contains(text), "\(name): \(text) is not in parallax(1)")
                    seen += 1
                }
            }
        }
        #expect(seen > 10)
    }

    @Test func reinstallingKeepsTheFoldersItCreatedAndUninstallLeavesOthers() throws {
        let destdir = try install()
        // A file of someone else's in a shared folder stays, and so does its folder.
        let other = destdir.path + Self.prefix + "/share/man/man1/other.1"
        Binary.write(".TH OTHER 1\n", to: other)
        let again = Shell.run("cd '\(Binary.root)' && DESTDIR='\(destdir.path)' PARALLAX_BINARY='\(Binary.path)' Scripts/install.sh \(Self.prefix)")
        #expect(again.status == 0)
        let r = Shell.run("cd '\(Binary.root)' && DESTDIR='\(destdir.path)' Scripts/install.sh --uninstall \(Self.prefix)")
        #expect(r.status == 0)
        #expect(Shell.run("cd '\(destdir.path)' && find . -type f").stdout == "./usr/local/share/man/man1/other.1\n")
        unlink(other)
        let twice = Shell.run("cd '\(Binary.root)' && DESTDIR='\(destdir.path)' Scripts/install.sh --uninstall \(Self.prefix)")
        #expect(twice.status == 1 && twice.stderr.contains("nothing to uninstall"))
        let relative = Shell.run("cd '\(Binary.root)' && Scripts/install.sh usr/local")
        #expect(relative.status == 2 && relative.stderr.contains("absolute"))
    }

    /// `set` lines in $XDG_CONFIG_HOME/parallax/config are the defaults; options still win;
    /// a bad line is reported at its place and the rest applies; `run` ignores the file.
    @Test func theConfigFileChangesTheDefaultFormat() throws {
        let home = Folder()
        _ = Shell.run("mkdir -p '\(home.path)/config/parallax'")
        Binary.write("set format json\nset colour off\n", to: home.path + "/config/parallax/config")
        let env = "HOME='\(home.path)' XDG_CONFIG_HOME='\(home.path)/config'"
        let parallax = "cd '\(Binary.root)' && \(env) '\(Binary.path)'"

        let json = Shell.run("\(parallax) -c where")
        #expect(json.status == 0 && json.stdout.hasPrefix("{\"command\": \"where\""), "\(json.stdout)")
        #expect(json.stderr.contains("/config/parallax/config:2:5: error: unknown setting 'colour'; did you mean 'color'?"))
        #expect(json.stderr.contains("set colour off\n        ^^^^^^"))

        let text = Shell.run("\(parallax) -c where --format text")
        #expect(text.stdout.hasPrefix("position:"), "\(text.stdout)")
        let piped = Shell.run("echo where | \(env) '\(Binary.path)'")
        #expect(piped.stdout.hasPrefix("{"))
        let script = Shell.run("\(parallax) run Scripts/walkthrough.px --expect Scripts/walkthrough.out")
        #expect(script.status == 0, "\(script.stdout)")

        let paths = Shell.run("\(parallax) --paths").stdout
        #expect(paths.contains("config   \(home.path)/config/parallax/config"))
        #expect(paths.contains("history  \(home.path)/.local/state/parallax/history"))
        #expect(paths.contains("cache    \(home.path)/.cache/parallax/"))
        #expect(paths.contains("editrc   \(home.path)/.editrc"))
    }

    @Test func versionNamesTheCommit() {
        let r = Binary.run(["--version"])
        #expect(r.status == 0)
        let commit = Shell.run("cd '\(Binary.root)' && git rev-parse --short=12 HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        if !commit.isEmpty {
            #expect(r.stdout.hasPrefix("parallax 0."), "\(r.stdout)")
            #expect(r.stdout.contains("(commit \(commit)"), "\(r.stdout)")
        }
    }

    /// A `parallax:` line of the user's ~/.editrc binds a key in the REPL; a line for
    /// another program does not.
    @Test func aParallaxLineInEditrcBindsAKey() throws {
        let home = Folder()
        Binary.write("parallax:bind -s ^X \"echo bound-by-editrc\"\nsqlite3:bind -s ^Y \"echo not-ours\"\n",
                     to: home.path + "/.editrc")
        let env = ["HOME": home.path, "XDG_STATE_HOME": home.path + "/state", "PATH": "/usr/bin:/bin",
                   "PAGER": "cat", "TERM": "xterm"]
        let t = try PseudoTerminalSession(environment: env)
        try t.waitForPrompt()
        t.type("\u{18}")
        try t.wait(for: "the bound text") { $0.currentLine.hasSuffix("> echo bound-by-editrc") }
        t.type("\r")
        try t.waitForPrompt()
        #expect(t.outputSinceInput == ["bound-by-editrc"])
        t.type("\u{19}\r")
        try t.waitForPrompt()
        #expect(!t.screen.text.contains("not-ours"))
        t.type("\u{4}")
        #expect(try t.waitForExit() == 0)
    }
}
