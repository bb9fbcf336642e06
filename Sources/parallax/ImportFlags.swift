import ArgumentParser
import Parallax

/// How event-data exports (GDELT, UCDP GED, ACLED) are opened; scenario files ignore these
/// but `--no-cache` (a large scenario is cached too).
struct ImportFlags: ParsableArguments {
    @Flag(help: "Leave out rows of an export that do not map, with a count, instead of failing the whole load.")
    var skipBadRows = false

    @Flag(help: "Neither read nor write the binary cache of an export or a large scenario.")
    var noCache = false

    var options: ImportOptions { ImportOptions(skipBadRows: skipBadRows, useCache: !noCache) }
}
