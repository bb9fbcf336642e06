import Testing
@testable import Parallax

/// `Knowledge.inSequence` is ordered by two counting passes: the order a comparison sort by
/// (key, file order) gives, for every key, equal keys and keys out of range included.
@Suite struct SequenceOrderTests {
    static func bySorting(_ known: [Int], _ key: [Int]) -> [Int] {
        known.indices.sorted { key[$0] != key[$1] ? key[$0] < key[$1] : $0 < $1 }.map { known[$0] }
    }

    @Test func countingOrderIsTheSortedOrder() {
        var rng = SystemRandomNumberGenerator()
        for stride in [1, 2, 3, 7, 50] {
            for count in [0, 1, 2, 10, 300] {
                let known = (0..<count).map { _ in Int.random(in: 0..<1000, using: &rng) }
                var key = (0..<count).map { _ in Int.random(in: 0..<(stride * stride), using: &rng) }
                #expect(Knowledge.sequenceOrder(known, key: key, stride: stride) == Self.bySorting(known, key))
                if count > 0 {
                    key[count / 2] = stride * stride + 3   // out of range: the comparison sort
                    #expect(Knowledge.sequenceOrder(known, key: key, stride: stride) == Self.bySorting(known, key))
                }
            }
        }
    }

    /// On an import (claims in file order, events by date) and on a written scenario whose
    /// claims become known later than their events.
    @Test func knowledgeWalksClaimsInSequence() throws {
        let imported = try ImportTests.open("ucdp_ged231_sample1000_from_uncertainUCDP.csv").scenario
        for sc in [imported, try Fixtures.seed()] {
            let links = sc.claimLinks
            for position in [nil, 0, 1, sc.events.count / 2] {
                let k = Knowledge(scenario: sc, position: position)
                let stride = sc.events.count + 1
                let key = k.known.map { links.about[$0] * stride + sc.claims.knownPosition($0) }
                #expect(k.inSequence == Self.bySorting(k.known, key))
            }
        }
    }
}
