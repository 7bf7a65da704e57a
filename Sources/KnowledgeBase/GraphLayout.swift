import Foundation

/// Positions for drawing the handbook as a map: articles as dots, links as lines.
///
/// Deterministic: a seeded generator places the dots, then a fixed number of
/// force-directed steps (Fruchterman–Reingold) pull linked articles together and push
/// the rest apart. Large handbooks, where pairwise forces would cost too much, get
/// topic clusters laid out as sunflower spirals instead.
public struct GraphLayout: Sendable, Hashable {
    public struct Node: Sendable, Hashable {
        public var id: String
        public var topic: String
        public var x: Double
        public var y: Double
        public var radius: Double
        /// Links in and out.
        public var degree: Int
    }

    public struct Edge: Sendable, Hashable {
        public var source: String
        public var target: String
    }

    public var width: Double
    public var height: Double
    /// In reading order.
    public var nodes: [Node]
    /// Sorted by source then target; one per linked pair.
    public var edges: [Edge]

    /// Above this many articles, the spiral layout is used.
    public static let forceLayoutLimit = 400

    /// The articles `ids` (every article by default), in the order given, and the links
    /// between them.
    public static func compute(_ graph: KnowledgeGraph, topicOf: (String) -> String, topics: [String], only ids: [String]? = nil,
                               width: Double = 960, height: Double = 720, seed: UInt64 = 1) -> GraphLayout {
        let ids = ids ?? graph.readingPath
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        var pairs = Set<[Int]>()
        for source in ids {
            guard let a = index[source] else { continue }
            for target in graph.outgoing[source] ?? [] {
                guard let b = index[target], a != b else { continue }
                pairs.insert([min(a, b), max(a, b)])
            }
        }
        let topicIndex = Dictionary(uniqueKeysWithValues: topics.enumerated().map { ($1, $0) })
        return layout(ids: ids, topics: ids.map(topicOf), clusters: ids.map { topicIndex[topicOf($0)] ?? 0 }, clusterCount: max(topics.count, 1),
                      pairs: pairs, radius: { 5 + 1.6 * Double($0).squareRoot() }, margin: 24, width: width, height: height, seed: seed)
    }

    /// The topics as dots, each sized by its articles (`articlesOf`), and a line between two
    /// topics where an article of one links to an article of the other: the map of a handbook
    /// too large to show every article on one.
    public static func topics(_ graph: KnowledgeGraph, topics: [String], articlesOf: (String) -> [String], topicOf: (String) -> String,
                              width: Double = 960, height: Double = 720, seed: UInt64 = 1) -> GraphLayout {
        let index = Dictionary(uniqueKeysWithValues: topics.enumerated().map { ($1, $0) })
        var pairs = Set<[Int]>()
        for (source, targets) in graph.outgoing {
            guard let a = index[topicOf(source)] else { continue }
            for target in targets {
                guard let b = index[topicOf(target)], a != b else { continue }
                pairs.insert([min(a, b), max(a, b)])
            }
        }
        let counts = Dictionary(uniqueKeysWithValues: topics.map { ($0, articlesOf($0).count) })
        var layout = layout(ids: topics, topics: topics, clusters: Array(topics.indices), clusterCount: max(topics.count, 1), pairs: pairs,
                            radius: { _ in 0 }, margin: 60, width: width, height: height, seed: seed)
        for i in layout.nodes.indices {
            // A topic of 10 articles is a dot of 18, one of 10,000 a dot of 48.
            layout.nodes[i].radius = round2(8 + 3 * (Double(counts[layout.nodes[i].id] ?? 0) + 1).squareRoot().squareRoot())
        }
        return layout
    }

    /// Places `ids`, each in cluster `clusters[i]`, joined by `pairs` (indices, smaller first);
    /// `radius` makes a dot's size from its number of links, and `margin` keeps the largest
    /// dots inside the picture.
    private static func layout(ids: [String], topics: [String], clusters: [Int], clusterCount: Int, pairs: Set<[Int]>, radius: (Int) -> Double,
                               margin: Double, width: Double, height: Double, seed: UInt64) -> GraphLayout {
        let edgeList = pairs.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
        var degree = [Int](repeating: 0, count: ids.count)
        for pair in edgeList {
            degree[pair[0]] += 1
            degree[pair[1]] += 1
        }
        var positions = initialPositions(clusters: clusters, clusterCount: clusterCount, seed: seed)
        if ids.count <= forceLayoutLimit {
            relax(&positions, edges: edgeList)
        }
        fit(&positions, width: width, height: height, margin: margin)

        let nodes = ids.enumerated().map { offset, id in
            Node(id: id, topic: topics[offset], x: round2(positions[offset].x), y: round2(positions[offset].y),
                 radius: round2(radius(degree[offset])), degree: degree[offset])
        }
        let edges = edgeList.map { Edge(source: ids[$0[0]], target: ids[$0[1]]) }
        return GraphLayout(width: width, height: height, nodes: nodes, edges: edges)
    }

    /// Each topic gets a centre on a circle; its articles spiral around it.
    private static func initialPositions(clusters: [Int], clusterCount: Int, seed: UInt64) -> [(x: Double, y: Double)] {
        var random = SplitMix64(seed: seed)
        var placedInCluster = [Int](repeating: 0, count: clusterCount)
        let golden = Double.pi * (3 - 5.0.squareRoot())
        return clusters.map { cluster in
            let angle = 2 * Double.pi * Double(cluster) / Double(clusterCount)
            let centre = clusterCount > 1 ? (x: cos(angle), y: sin(angle)) : (x: 0.0, y: 0.0)
            let k = Double(placedInCluster[cluster])
            placedInCluster[cluster] += 1
            let r = 0.12 * k.squareRoot()
            let jitter = (random.nextUnit() - 0.5) * 0.02
            return (centre.x * 1.2 + r * cos(k * golden) + jitter, centre.y * 1.2 + r * sin(k * golden) - jitter)
        }
    }

    private static func relax(_ positions: inout [(x: Double, y: Double)], edges: [[Int]]) {
        let count = positions.count
        guard count > 1 else { return }
        let area = 4.0 * 4.0
        let k = (area / Double(count)).squareRoot()
        var temperature = 0.3
        let iterations = 300
        var displacement = [(x: Double, y: Double)](repeating: (0, 0), count: count)
        for _ in 0..<iterations {
            for i in 0..<count { displacement[i] = (0, 0) }
            for i in 0..<count {
                for j in (i + 1)..<count {
                    var dx = positions[i].x - positions[j].x
                    var dy = positions[i].y - positions[j].y
                    var distance = (dx * dx + dy * dy).squareRoot()
                    if distance < 1e-6 { dx = 1e-3; dy = 0; distance = 1e-3 }
                    let force = k * k / distance
                    displacement[i].x += dx / distance * force
                    displacement[i].y += dy / distance * force
                    displacement[j].x -= dx / distance * force
                    displacement[j].y -= dy / distance * force
                }
            }
            for edge in edges {
                let (i, j) = (edge[0], edge[1])
                let dx = positions[i].x - positions[j].x
                let dy = positions[i].y - positions[j].y
                let distance = max((dx * dx + dy * dy).squareRoot(), 1e-6)
                let force = distance * distance / k
                displacement[i].x -= dx / distance * force
                displacement[i].y -= dy / distance * force
                displacement[j].x += dx / distance * force
                displacement[j].y += dy / distance * force
            }
            for i in 0..<count {
                // A gentle pull to the centre keeps unlinked articles on the map.
                displacement[i].x -= positions[i].x * 0.05 * k
                displacement[i].y -= positions[i].y * 0.05 * k
                let length = max((displacement[i].x * displacement[i].x + displacement[i].y * displacement[i].y).squareRoot(), 1e-9)
                let step = min(length, temperature)
                positions[i].x += displacement[i].x / length * step
                positions[i].y += displacement[i].y / length * step
            }
            temperature *= 0.985
        }
    }

    private static func fit(_ positions: inout [(x: Double, y: Double)], width: Double, height: Double, margin: Double) {
        guard let minX = positions.map(\.x).min(), let maxX = positions.map(\.x).max(),
              let minY = positions.map(\.y).min(), let maxY = positions.map(\.y).max() else { return }
        let scale = min((width - 2 * margin) / max(maxX - minX, 1e-9), (height - 2 * margin) / max(maxY - minY, 1e-9))
        let offsetX = (width - (maxX - minX) * scale) / 2
        let offsetY = (height - (maxY - minY) * scale) / 2
        for i in positions.indices {
            positions[i] = ((positions[i].x - minX) * scale + offsetX, (positions[i].y - minY) * scale + offsetY)
        }
    }

    private static func round2(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}

/// A small, fast, seeded random number generator (Steele, Lea and Flood's SplitMix64): the
/// same seed gives the same numbers on every platform, so layouts and test runs replay.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// In [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
