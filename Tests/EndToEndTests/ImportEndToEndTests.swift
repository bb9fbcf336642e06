import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `parallax FILE`, `parallax check FILE` and `load FILE` on event-data exports.
@Suite struct ImportEndToEndTests {
    static let data = "Tests/ParallaxTests/EventData/"

    @Test func checkSaysWhatAnExportMappedAndRepaired() {
        let r = Binary.run(["check", Self.data + "gdelt2_events_sample.tsv", "--no-cache"])
        #expect(r.status == 0)
        #expect(r.stdout == Self.data + "gdelt2_events_sample.tsv: GDELT 2.0 event export: 100 rows mapped; 6 values repaired "
                + "(Windows-1252 characters read as controls, invalid UTF-8, control characters).\n")
        #expect(r.stderr.isEmpty)
    }

    @Test func anExportOpensStepsAndLoads() {
        let r = Binary.run([Self.data + "ucdp_ged231_ARM_AZE_rows.csv", "--no-cache", "-c",
                            "step; figures; load " + Self.data + "gdelt1_events_sample.tsv; goto gdelt-253461011; where"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("1/3  1992-02-11  escalation  fight (-10)"))
        #expect(r.stdout.contains("Loaded GDELT 1.0 events: gdelt1_events_sample.tsv: 100 events, 100 claims. GDELT 1.0 event export: 100 rows mapped."))
        #expect(r.stdout.contains("AFGHANISTAN → THE INTERNATIONAL COMMUNITY: Host a visit (CAMEO 043)"))
        #expect(r.stderr.isEmpty)
    }

    @Test func badRowsFailTheLoadUnlessSkipped() {
        let path = "/tmp/parallax-bad-rows-\(getpid()).csv"
        defer { unlink(path) }
        let text = Binary.read(Binary.root + "/" + Self.data + "ucdp_ged231_ARM_AZE_rows.csv")
        Binary.write(text.split(separator: ",1,0,0,0,1,1,1,373,", omittingEmptySubsequences: false).joined(separator: ",1,0,0,0,x,1,1,373,"), to: path)
        let failed = Binary.run(["check", path, "--no-cache"])
        #expect(failed.status == 1)
        #expect(failed.stderr.hasPrefix("\(path):2:"))
        #expect(failed.stderr.contains("error: column best: 'x' is not a whole number"))
        #expect(failed.stderr.hasSuffix("1 error\n"))
        let skipped = Binary.run(["check", path, "--no-cache", "--skip-bad-rows"])
        #expect(skipped.status == 0)
        #expect(skipped.stdout.hasPrefix("\(path): UCDP GED export: 2 rows mapped; 1 bad row skipped (the first: \(path):2:"))
        let opened = Binary.run([path, "--no-cache", "--skip-bad-rows", "-c", "info"])
        #expect(opened.status == 0 && opened.stdout.contains("events:    2"))
    }

    @Test func importWritesASliceThatChecksAndOpens() {
        let out = "/tmp/parallax-import-\(getpid()).yaml"
        defer { unlink(out) }
        let file = Self.data + "ucdp_ged231_sample1000_from_uncertainUCDP.csv"
        let r = Binary.run(["import", file, "--where", "party = government-of-syria and date >= 2013", "-o", out, "--no-cache"])
        #expect(r.status == 0 && r.stderr.isEmpty)
        #expect(r.stdout == "Wrote \(out): 186 of 1000 events, 186 claims (UCDP GED export: 1000 rows mapped).\n")
        let check = Binary.run(["check", out])
        #expect(check.status == 0 && check.stdout.isEmpty && check.stderr.isEmpty)
        let opened = Binary.run([out, "-c", "info"])
        #expect(opened.stdout.contains("events:    186"))
        let again = Binary.run(["import", file, "-o", out, "--no-cache"])
        #expect(again.status == 1 && again.stderr == "\(out) exists; --force replaces it\n")
        let scenario = Binary.run(["import", "seeds/armenia-azerbaijan-2021-11.yaml", "-o", out, "--force"])
        #expect(scenario.status == 1 && scenario.stderr.contains("not a GDELT, UCDP GED or ACLED export"))
        let badFilter = Binary.run(["import", file, "--where", "sides = 2", "-o", out, "--force"])
        #expect(badFilter.status == 2 && badFilter.stderr.contains("unknown field 'sides'"))
    }

    /// 10,000 GDELT rows (the sample's, renumbered): long enough to open that a terminal
    /// would get progress, and more events than a listing shows.
    @Test func aLargeExportOpensQuietlyInBatchAndListingsAreCapped() {
        let path = "/tmp/parallax-large-\(getpid()).tsv"
        defer { unlink(path) }
        let rows = Binary.read(Binary.root + "/" + Self.data + "gdelt2_events_sample.tsv").split(separator: "\n")
        var text = ""
        for copy in 0..<100 {
            for (k, row) in rows.enumerated() {
                let rest = row.drop(while: { $0 != "\t" })
                text += "\(1_000_000 + copy * 100 + k)" + rest + "\n"
            }
        }
        Binary.write(text, to: path)
        let r = Binary.run([path, "--no-cache", "-c", "events; events 3 where type = consult"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.contains("9000 more events not shown (1000 of 10000); 'events all' lists every one, 'events N' the first N."))
        let consults = r.stdout.split(separator: "\n").last ?? ""
        #expect(consults.hasSuffix("4097 more events not shown (3 of 4100); 'events all' lists every one, 'events N' the first N."))
        let all = Binary.run([path, "--no-cache", "-c", "events all"])
        #expect(all.stdout.split(separator: "\n").filter { $0.contains("gdelt-") }.count == 10000 && !all.stdout.contains("not shown"))
        // Every long listing caps the same way, counting what it left out.
        let capped = Binary.run([path, "--no-cache", "-c", "end; claims; sources 3; contacts 2; find gdelt-1"])
        #expect(capped.status == 0)
        #expect(capped.stdout.split(separator: "\n").filter { $0.contains("not shown") } == [
            "9000 more claims not shown (1000 of 10000); 'claims all' lists every one, 'claims N' the first N.",
            "46 more sources not shown (3 of 49); 'sources all' lists every one, 'sources N' the first N.",
            "4998 more contacts not shown (2 of 5000); 'contacts all' lists every one, 'contacts N' the first N.",
            "19000 more matches not shown (1000 of 20000); 'find all gdelt-1' lists every one, claims not yet known included.",
        ])
        let uncapped = Binary.run([path, "--no-cache", "-c", "end; claims all; sources all; contacts all; find all gdelt-1"])
        #expect(!uncapped.stdout.contains("not shown"))
        #expect(uncapped.stdout.split(separator: "\n").filter { $0.hasPrefix("gdelt-1") && $0.contains("-report") }.count >= 10000)
    }

    @Test func safeModeOpensAnExportInTheScriptsFolderAndTouchesNoCache() {
        let folder = "/tmp/parallax-safe-import-\(getpid())"
        mkdir(folder, 0o700)
        defer { _ = system("rm -rf '\(folder)'") }
        Binary.write(Binary.read(Binary.root + "/" + Self.data + "ucdp_ged231_ARM_AZE_rows.csv"), to: folder + "/ged.csv")
        Binary.write("load ged.csv\ngoto ucdp-376126\nload \(Binary.root)/\(Self.data)gdelt1_events_sample.tsv\n", to: folder + "/s.px")
        let shell = "cd '\(folder)' && XDG_CACHE_HOME='\(folder)/cache' NO_COLOR= '\(Binary.path)' run --safe s.px >out 2>err"
        let status = system(shell) >> 8
        let out = Binary.read(folder + "/out"), err = Binary.read(folder + "/err")
        #expect(status == 1)
        #expect(out.contains("Loaded UCDP GED events: ged.csv: 3 events, 3 claims. UCDP GED export: 3 rows mapped."))
        #expect(out.contains("3/3"))
        #expect(err.contains("outside") && err.contains("gdelt1_events_sample.tsv"))
        #expect(access(folder + "/cache", F_OK) != 0)
    }
}
