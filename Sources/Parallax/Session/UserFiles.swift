#if canImport(Glibc)
import Glibc
#endif

/// Where Parallax keeps the user's own files, by the XDG base directory rules that other
/// command-line tools on the machine follow: state (history) under `$XDG_STATE_HOME`,
/// caches under `$XDG_CACHE_HOME`, defaults under `$XDG_CONFIG_HOME`. The one place these
/// paths are computed, so the REPL, `--paths`, the README and any cache agree.
///
/// A variable counts only when it holds an absolute path (the specification says a
/// relative one is to be ignored); otherwise the folder under `$HOME` is used. With no
/// usable `$HOME` either, a path is nil and the file is simply not used.
public struct UserFiles: Sendable, Equatable {
    /// The REPL's history of typed lines.
    public var history: String?
    /// The folder for caches, which may be deleted at any time (ends without a slash).
    public var cacheFolder: String?
    /// Optional default settings: `set` lines (see `ConfigFile`).
    public var config: String?
    /// libedit's own start-up file, read by the REPL for key bindings: `$EDITRC`, else
    /// `~/.editrc`. Lines prefixed `parallax:` apply to Parallax only.
    public var editrc: String?

    /// One of the files, as the XDG rules place it: `$VARIABLE/NAME`, else `~/FALLBACK/NAME`.
    public struct Location: Sendable {
        public var key: String
        public var variable: String
        public var fallback: String
        public var name: String
        public var holds: String
        /// The rule in words: `$XDG_STATE_HOME/parallax/history (default ~/.local/state/…)`.
        public var rule: String { "$\(variable)/\(name) (default ~/\(fallback)/\(name))" }
    }

    /// The XDG-placed files, in the order `--paths` lists them.
    public static let locations: [Location] = [
        Location(key: "history", variable: "XDG_STATE_HOME", fallback: ".local/state", name: "parallax/history",
                 holds: "lines typed in the REPL, saved after each line"),
        Location(key: "cache", variable: "XDG_CACHE_HOME", fallback: ".cache", name: "parallax/",
                 holds: "caches, safe to delete"),
        Location(key: "config", variable: "XDG_CONFIG_HOME", fallback: ".config", name: "parallax/config",
                 holds: "optional default settings: 'set' lines for " + ConfigFile.keys.joined(separator: ", ")),
    ]

    /// libedit's file, which it finds itself: `$EDITRC`, else `~/.editrc`.
    public static let editrcRule = "$EDITRC (default ~/.editrc)"
    public static let editrcHolds = "libedit key bindings; lines starting 'parallax:' apply to Parallax only"

    /// `$HOME` when it is an absolute path: what `~/` in a file argument stands for.
    public let home: String?

    public init(environment: (String) -> String?) {
        func absolute(_ name: String) -> String? {
            guard let value = environment(name), value.hasPrefix("/") else { return nil }
            return value.count > 1 && value.hasSuffix("/") ? String(value.dropLast()) : value
        }
        let home = absolute("HOME")
        self.home = home
        func place(_ key: String) -> String? {
            guard let l = UserFiles.locations.first(where: { $0.key == key }) else { return nil }
            let base = absolute(l.variable) ?? home.map { $0 + "/" + l.fallback }
            return base.map { $0 + "/" + l.name }
        }
        history = place("history")
        cacheFolder = place("cache").map { String($0.dropLast()) }
        config = place("config")
        if let editrc = environment("EDITRC"), !editrc.isEmpty {
            self.editrc = editrc
        } else {
            editrc = home.map { $0 + "/.editrc" }
        }
    }

    /// The paths for this process's environment.
    public static var current: UserFiles {
        UserFiles { name in getenv(name).map { String(cString: $0) } }
    }

    /// A file in the cache folder (`$XDG_CACHE_HOME/parallax/NAME`); nil without a cache folder.
    public func cacheFile(_ name: String) -> String? {
        cacheFolder.map { $0 + "/" + name }
    }

    /// Every path with what it holds, for `parallax --paths`.
    public var listing: [(key: String, path: String?, holds: String)] {
        let placed = [history, cacheFolder.map { $0 + "/" }, config]
        return zip(UserFiles.locations, placed).map { ($0.key, $1, $0.holds) }
            + [("editrc", editrc, UserFiles.editrcHolds)]
    }
}
