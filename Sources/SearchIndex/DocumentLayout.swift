/// The documents in index order, grouped into articles, numbered, and packed into doc-store groups.
///
/// Order: by topic, then article URL (both by UTF-16 units), then input order, so each topic is
/// one contiguous range of ids (the topic filter needs only two numbers per topic) and an
/// article's sections are adjacent (results group by article).
///
/// Ids: doc-store group `g` holds the ids `g * groupCapacity ..< (g + 1) * groupCapacity`,
/// of which it uses a prefix. The browser finds a document's group by dividing its id, so no
/// id-to-group table has to be downloaded; the unused ids cost nothing but slightly larger gaps
/// in the postings.
struct DocumentLayout: Sendable {
    struct Article: Sendable {
        var url: String
        var title: String
        var topic: String
        var tags: [String]
    }

    struct Topic: Sendable {
        var name: String
        var firstID: Int
        var lastID: Int
    }

    /// The documents, in index order.
    let documents: [SearchDocument]
    /// For each document, its article's index in ``articles``.
    let articleOfDocument: [Int]
    /// For each document, whether it is its article's first section (where title matches rank).
    let isLeadSection: [Bool]
    /// For each document, its id.
    let ids: [Int]
    let articles: [Article]
    /// The positions (in ``documents``) of each doc-store group's documents.
    let groups: [Range<Int>]
    let topics: [Topic]
    /// All tag names, sorted by UTF-16 units; documents refer to tags by index into this list.
    let tagNames: [String]
    let groupCapacity: Int

    init(_ input: [SearchDocument], groupCapacity: Int, groupTargetBytes: Int) {
        self.groupCapacity = groupCapacity
        let documents = Self.indexOrder(input)
        self.documents = documents
        let grouping = Self.articles(of: documents)
        self.articles = grouping.articles
        self.articleOfDocument = grouping.articleOfDocument
        self.isLeadSection = grouping.isLeadSection
        let packing = Self.pack(documents, articles: grouping.articles, articleOfDocument: grouping.articleOfDocument,
                                groupCapacity: groupCapacity, groupTargetBytes: groupTargetBytes)
        self.groups = packing.groups
        self.ids = packing.ids
        self.topics = Self.topics(of: documents, ids: packing.ids)
        self.tagNames = Set(grouping.articles.flatMap(\.tags)).sorted { $0.precedesInUTF16($1) }
    }

    /// The documents by topic, then article URL (both by UTF-16 units), then input order.
    private static func indexOrder(_ input: [SearchDocument]) -> [SearchDocument] {
        // Sort by ranks: comparing the strings themselves in every comparison is slow.
        func ranks(_ values: [String]) -> [String: Int] {
            let sorted = Set(values).sorted { $0.precedesInUTF16($1) }
            return Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
        }
        let topicRanks = ranks(input.map(\.topic)), urlRanks = ranks(input.map(\.url))
        let keys = input.map { (topicRanks[$0.topic]!, urlRanks[$0.url]!) }
        return input.indices.sorted { lhs, rhs in
            keys[lhs] != keys[rhs] ? keys[lhs] < keys[rhs] : lhs < rhs
        }.map { input[$0] }
    }

    /// The articles of documents in index order, each document's article and whether it is its
    /// article's first section.
    private static func articles(of documents: [SearchDocument])
        -> (articles: [Article], articleOfDocument: [Int], isLeadSection: [Bool]) {
        var articles: [Article] = []
        var articleOfDocument: [Int] = []
        var isLeadSection: [Bool] = []
        for document in documents {
            let isNewArticle = articles.last?.url != document.url
            if isNewArticle {
                articles.append(Article(url: document.url, title: document.title, topic: document.topic, tags: document.tags))
            }
            articleOfDocument.append(articles.count - 1)
            isLeadSection.append(isNewArticle)
        }
        return (articles, articleOfDocument, isLeadSection)
    }

    /// Packs consecutive documents into groups of about `groupTargetBytes` of stored text and at
    /// most `groupCapacity` documents, and numbers each document by its group and place in it.
    ///
    /// An article is never split between groups unless it alone is larger than a group: a new
    /// group starts at an article that would not fit. So the group that holds a result's best
    /// section holds all its other sections too, and how an article ranks (which adds up all its
    /// matching sections, from the groups loaded) does not depend on where the groups happen to
    /// be cut.
    private static func pack(_ documents: [SearchDocument], articles: [Article], articleOfDocument: [Int],
                             groupCapacity: Int, groupTargetBytes: Int) -> (groups: [Range<Int>], ids: [Int]) {
        func sectionBytes(_ document: SearchDocument) -> Int {
            document.packedText.utf8Count + (document.heading?.utf8.count ?? 0) + (document.anchor?.utf8.count ?? 0) + 16
        }
        var groups: [Range<Int>] = []
        var ids: [Int] = []
        var groupStart = 0
        var groupBytes = 0
        func startGroup(at position: Int) {
            if position > groupStart { groups.append(groupStart..<position) }
            groupStart = position
            groupBytes = 0
        }
        var articleStart = 0
        while articleStart < documents.count {
            let article = articleOfDocument[articleStart]
            var articleEnd = articleStart
            while articleEnd < documents.count && articleOfDocument[articleEnd] == article { articleEnd += 1 }
            let headerBytes = articles[article].url.utf8.count + articles[article].title.utf8.count + 16
            let articleBytes = headerBytes + documents[articleStart..<articleEnd].reduce(0) { $0 + sectionBytes($1) }
            let fitsCount = articleStart - groupStart + (articleEnd - articleStart) <= groupCapacity
            if articleStart > groupStart && (groupBytes + articleBytes > groupTargetBytes || !fitsCount) {
                startGroup(at: articleStart)
            }
            groupBytes += headerBytes
            for position in articleStart..<articleEnd {
                // Only an article larger than a group by itself is cut, between its sections.
                let bytes = sectionBytes(documents[position])
                let overCapacity = position - groupStart == groupCapacity
                let overBytes = groupBytes + bytes > groupTargetBytes && position > articleStart && groupStart >= articleStart
                if position > groupStart && (overCapacity || overBytes) {
                    startGroup(at: position)
                    groupBytes = headerBytes
                }
                groupBytes += bytes
                ids.append(groups.count * groupCapacity + (position - groupStart))
            }
            articleStart = articleEnd
        }
        startGroup(at: documents.count)
        return (groups, ids)
    }

    /// Each topic's range of ids (documents in index order are grouped by topic).
    private static func topics(of documents: [SearchDocument], ids: [Int]) -> [Topic] {
        var topics: [Topic] = []
        for (position, document) in documents.enumerated() {
            if topics.last?.name == document.topic {
                topics[topics.count - 1].lastID = ids[position]
            } else {
                topics.append(Topic(name: document.topic, firstID: ids[position], lastID: ids[position]))
            }
        }
        return topics
    }
}
