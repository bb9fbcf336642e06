/// Opens whatever file an analyst names: a GDELT, UCDP GED or ACLED export by its shape,
/// anything else as a scenario (YAML or JSON; a large one through its cache, see
/// `ScenarioCache`). The one entry point of `parallax FILE`, `parallax check FILE`, `load`
/// and `check SCRIPT`; `load` reads the bytes itself (once, for its pin and for `--safe`),
/// and passes them here.
public enum ScenarioFile {
    public static func open(path: String, options: ImportOptions = ImportOptions()) throws(LoadFailure) -> (scenario: Scenario, report: ImportReport?) {
        if let imported = try EventImport.load(path: path, options: options) {
            return (imported.scenario, imported.report)
        }
        switch FileReader.contents(of: path) {
        case .failure(let d): throw LoadFailure(diagnostics: [d], sourceText: nil)
        case .success(let bytes): return (try ScenarioCache.load(bytes: bytes, path: path, options: options), nil)
        }
    }

    public static func open(bytes: [UInt8], path: String, options: ImportOptions = ImportOptions()) throws(LoadFailure) -> (scenario: Scenario, report: ImportReport?) {
        if let imported = try EventImport.load(bytes: bytes, path: path, options: options) {
            return (imported.scenario, imported.report)
        }
        return (try ScenarioCache.load(bytes: bytes, path: path, options: options), nil)
    }

    public static func load(path: String, options: ImportOptions = ImportOptions()) throws(LoadFailure) -> Scenario {
        try open(path: path, options: options).scenario
    }
}
