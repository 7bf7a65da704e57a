import Foundation

/// How a term's occurrences in a section become that section's score for the term.
///
/// Each field's count is saturated BM25-style, `tf × (k1 + 1) / (tf + k1 × lengthNorm)`, and the
/// saturated fields are summed with weights, title > heading > tags > body. Only the body is
/// length-normalized (b = 0.75); the other fields are short. The article title counts fully
/// only for the article's first section, so a title match leads to the top of the article
/// rather than to any of its sections.
///
/// This field score is computed here, at build time, and stored per posting as a 6-bit
/// log-scaled "impact", so the browser needs no document lengths. The rest of ranking happens at
/// query time, in `Theme/assets/search-engine.js` only: it multiplies the impact by the term's
/// inverse document frequency, computed from the document count stored with the term, and
/// weighs sections by how many of the query's words they match. Keeping idf out of the impact
/// keeps the impact's resolution for every term: folded in, all postings of a very common term
/// would round to the same level and its best postings could not be told apart.
struct Ranking: Sendable {
    var k1 = 1.2
    var bodyLengthNormalization = 0.75
    var leadTitleWeight = 4.0
    var otherSectionTitleWeight = 1.0
    var headingWeight = 2.5
    var tagsWeight = 1.5
    var bodyWeight = 1.0

    /// The term's score in one section, before the idf factor.
    func fieldScore(_ occurrences: TermOccurrences, isLeadSection: Bool, bodyLength: Int, averageBodyLength: Double) -> Double {
        let bodyNorm = 1 - bodyLengthNormalization + bodyLengthNormalization * Double(bodyLength) / max(averageBodyLength, 1)
        let titleWeight = isLeadSection ? leadTitleWeight : otherSectionTitleWeight
        return titleWeight * saturate(Int(occurrences.title), lengthNorm: 1)
            + headingWeight * saturate(Int(occurrences.heading), lengthNorm: 1)
            + tagsWeight * saturate(Int(occurrences.tags), lengthNorm: 1)
            + bodyWeight * saturate(Int(occurrences.body), lengthNorm: bodyNorm)
    }

    func saturate(_ count: Int, lengthNorm: Double) -> Double {
        guard count > 0 else { return 0 }
        let frequency = Double(count)
        return frequency * (k1 + 1) / (frequency + k1 * lengthNorm)
    }
}

/// Maps field scores to 6-bit impacts on a log scale: 63 steps of about 4% up to the largest.
/// The browser inverts it with `Math.expm1(impact * scale)`.
struct ImpactScale: Sendable {
    static let levels = 63
    /// `log1p(largest score) / 63`; written into the manifest.
    let scale: Double

    init(largestScore: Double) {
        scale = largestScore > 0 ? log1p(largestScore) / Double(Self.levels) : 1
    }

    /// 1...63 for a positive score, so every posting still counts for something.
    func impact(_ score: Double) -> Int {
        min(Self.levels, max(1, Int((log1p(max(score, 0)) / scale).rounded())))
    }
}
