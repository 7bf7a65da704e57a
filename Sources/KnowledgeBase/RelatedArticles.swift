import Foundation
import Parallel

/// Finds each article's most related others.
///
/// The score of article B for article A is
///
///     Σ over tags shared by A and B of ln(N / n(tag))   (rare tags say more)
///   + 1.5 if A links to B, + 1.5 if B links to A
///   + 0.5 if they are in the same topic (only added to B that already scored)
///
/// where N is the number of articles and n(tag) the number carrying the tag, so a tag on
/// half the handbook adds ln 2 ≈ 0.7 and a tag on 2 of 50 articles adds ln 25 ≈ 3.2.
/// The top ``limit`` by score are kept; ties go to the one earlier in reading order.
/// When fewer than ``minimum`` articles score, the nearest articles of the same topic in
/// reading order fill the list, so every article offers somewhere to go next.
///
/// Candidates come from an inverted index (tag → articles) and the link lists, never
/// from comparing every pair. A tag carried by more than ``candidatesPerTag`` articles offers
/// only that many of them, the nearest in reading order: otherwise the tags most articles
/// share would make the cost grow with the square of the handbook's size (at 100,000
/// articles, a tag on a third of them made every article score 30,000 others), for
/// candidates that such a tag's small weight rarely brings to the top.
enum RelatedArticles {
    static let limit = 5
    static let minimum = 3
    static let linkWeight = 1.5
    static let topicWeight = 0.5
    static let candidatesPerTag = 1_000

    /// The related articles of every article, or of those in `subset` only.
    static func compute(_ articles: [Article], graph: KnowledgeGraph, only subset: Set<String>? = nil,
                        candidatesPerTag: Int = candidatesPerTag) -> [String: [KnowledgeGraph.RelatedArticle]] {
        let ids = graph.readingPath
        guard !ids.isEmpty else { return [:] }
        let scorer = Scorer(articles, graph: graph, candidatesPerTag: candidatesPerTag)
        let targets = subset.map { subset in ids.indices.filter { subset.contains(ids[$0]) } } ?? Array(ids.indices)
        let chunks = Array(stride(from: 0, to: targets.count, by: 256))
        let results = chunks.parallelMap { start -> [(Int, [KnowledgeGraph.RelatedArticle])] in
            var scores = [Double](repeating: 0, count: ids.count)
            var touched: [Int] = []
            return targets[start..<min(start + 256, targets.count)].map { article in
                (article, scorer.related(of: article, scores: &scores, touched: &touched))
            }
        }
        var related: [String: [KnowledgeGraph.RelatedArticle]] = [:]
        for chunk in results {
            for (article, list) in chunk { related[ids[article]] = list }
        }
        return related
    }

    /// What scoring needs, by position in the reading path.
    private struct Scorer: Sendable {
        let ids: [String]
        let tagWeight: [String: Double]
        /// Each tag's articles, in reading order.
        let members: [String: [Int]]
        let candidatesPerTag: Int
        let topicOf: [String]
        /// Topics compared by number: the same-topic check runs for every candidate.
        let topicNumber: [Int]
        let linked: [[Int]]
        let tagsOf: [[String]]

        init(_ articles: [Article], graph: KnowledgeGraph, candidatesPerTag: Int) {
            ids = graph.readingPath
            self.candidatesPerTag = candidatesPerTag
            // Articles by place in the reading path. Each lookup by id hashes a string: at a
            // hundred thousand articles, the ones below took most of a second on one core.
            let positionOf = graph.positionInPath
            let count = Double(ids.count)
            var weights: [String: Double] = [:]
            var tagMembers: [String: [Int]] = [:]
            for (tag, tagged) in graph.articlesByTag {
                weights[tag] = log(count / Double(tagged.count))
                tagMembers[tag] = tagged.compactMap { positionOf[$0] }.sorted()
            }
            tagWeight = weights
            members = tagMembers
            var topics = [String](repeating: "", count: ids.count)
            var tags = [[String]](repeating: [], count: ids.count)
            for article in articles {
                guard let position = positionOf[article.id] else { continue }
                topics[position] = article.topic
                tags[position] = article.tags
            }
            topicOf = topics
            tagsOf = tags
            linked = ids.parallelMap { id in
                ((graph.outgoing[id] ?? []) + (graph.backlinks[id] ?? []).map(\.source)).compactMap { positionOf[$0] }
            }
            let topicNumbers = Dictionary(topicOf.map { ($0, 0) }, uniquingKeysWith: { a, _ in a }).keys.sorted().enumerated()
            let numberOfTopic = Dictionary(uniqueKeysWithValues: topicNumbers.map { ($1, $0) })
            topicNumber = topicOf.map { numberOfTopic[$0]! }
        }

        /// The articles of a tag's `members` that `article` scores: all of them, or the
        /// ``candidatesPerTag`` nearest to it in reading order.
        func candidates(of article: Int, among members: [Int]) -> ArraySlice<Int> {
            guard members.count > candidatesPerTag else { return members[...] }
            // Where `article` is, or would be, among the members: they are in reading order.
            let low = members.partitioningIndex { $0 >= article }
            let start = min(max(0, low - candidatesPerTag / 2), members.count - candidatesPerTag)
            return members[start..<(start + candidatesPerTag)]
        }

        /// The related articles of `article`. `scores` (zero everywhere) and `touched` (empty)
        /// are working space, left as they came.
        func related(of article: Int, scores: inout [Double], touched: inout [Int]) -> [KnowledgeGraph.RelatedArticle] {
            let ownTopic = topicNumber[article]
            scores.withUnsafeMutableBufferPointer { scores in
                // A zero weight (a tag every article has) adds nothing, and must not list
                // `other` in `touched` a second time when a later weight does.
                func add(_ others: some Collection<Int>, _ value: Double) {
                    guard value > 0 else { return }
                    for other in others where other != article {
                        if scores[other] == 0 { touched.append(other) }
                        scores[other] += value
                    }
                }
                for tag in tagsOf[article] { add(candidates(of: article, among: members[tag] ?? []), tagWeight[tag] ?? 0) }
                // Each direction counts: an entry appears once per direction it links in.
                add(linked[article], linkWeight)
                for other in touched where topicNumber[other] == ownTopic { scores[other] += topicWeight }
            }

            // The best `limit` in one pass: sorting every candidate (thousands, when articles
            // share a common tag) cost more than scoring them.
            var best: [Int] = []
            for other in touched where scores[other] > 0 {
                if best.count == limit && !outranks(other, best[limit - 1], scores) { continue }
                var position = best.count
                while position > 0 && outranks(other, best[position - 1], scores) { position -= 1 }
                best.insert(other, at: position)
                if best.count > limit { best.removeLast() }
            }
            var list = best.map { KnowledgeGraph.RelatedArticle(id: ids[$0], score: scores[$0]) }
            if list.count < minimum {
                list += nearestInTopic(article, topicOf: topicOf, excluding: Set(best))
                    .prefix(minimum - list.count)
                    .map { KnowledgeGraph.RelatedArticle(id: ids[$0], score: 0) }
            }
            for other in touched { scores[other] = 0 }
            touched.removeAll(keepingCapacity: true)
            return list
        }
    }

    /// The related articles of every article, keeping those of `previous` (the site and graph
    /// before an edit) where no score can have moved: with the same reading order, an
    /// article's scores depend only on its own tags, the articles carrying each of them, and
    /// its links in and out.
    static func compute(_ articles: [Article], graph: KnowledgeGraph,
                        reusing previous: (site: Site, graph: KnowledgeGraph)?) -> [String: [KnowledgeGraph.RelatedArticle]] {
        guard let (oldSite, old) = previous, old.readingPath == graph.readingPath else { return compute(articles, graph: graph) }
        let tags = Set(old.articlesByTag.keys).union(graph.articlesByTag.keys)
        var stale = Set<String>()
        for tag in tags where old.articlesByTag[tag] != graph.articlesByTag[tag] {
            stale.formUnion(old.articlesByTag[tag] ?? [])
            stale.formUnion(graph.articlesByTag[tag] ?? [])
        }
        let oldTags = Dictionary(uniqueKeysWithValues: oldSite.articles.map { ($0.id, $0.tags) })
        for article in articles where !stale.contains(article.id) {
            let id = article.id
            if oldTags[id] != article.tags || old.outgoing[id] != graph.outgoing[id]
                || old.backlinks[id]?.map(\.source) != graph.backlinks[id]?.map(\.source) {
                stale.insert(id)
            }
        }
        var related = old.related
        guard !stale.isEmpty else { return related }
        related.merge(compute(articles, graph: graph, only: stale)) { $1 }
        return related
    }

    /// Higher score first; on a tie, earlier in reading order.
    @inline(__always)
    private static func outranks(_ a: Int, _ b: Int, _ scores: [Double]) -> Bool {
        scores[a] != scores[b] ? scores[a] > scores[b] : a < b
    }

    /// Same-topic articles ordered by distance in the reading path, the earlier one first on a tie.
    private static func nearestInTopic(_ article: Int, topicOf: [String], excluding: Set<Int>) -> [Int] {
        var found: [Int] = []
        var distance = 1
        while found.count < minimum && (article - distance >= 0 || article + distance < topicOf.count) {
            for other in [article - distance, article + distance]
            where other >= 0 && other < topicOf.count && topicOf[other] == topicOf[article] && !excluding.contains(other) {
                found.append(other)
            }
            distance += 1
            if distance > minimum * 4 { break }
        }
        return found
    }
}
