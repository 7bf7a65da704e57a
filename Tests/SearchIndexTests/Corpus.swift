@testable import SearchIndex

/// Small corpora for the index tests.
enum Corpus {
    static func article(_ url: String, _ title: String, topic: String = "Practices", tags: [String] = [], sections: [(heading: String?, text: String)]) -> [SearchDocument] {
        sections.map { section in
            SearchDocument(url: url, anchor: section.heading.map(slug), title: title, heading: section.heading, topic: topic, tags: tags, text: section.text)
        }
    }

    static func slug(_ heading: String) -> String {
        heading.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: "-")
    }

    /// A few handbook-like articles.
    static let handbook: [SearchDocument] =
        article("practices/delegation.html", "Delegation", tags: ["delegation", "trust"], sections: [
            (nil, "Handing real ownership to the people on your team is harder than assigning tasks."),
            ("Letting go", "Once you delegate a decision, do not take it back at the first wobble."),
        ])
        + article("practices/one-on-ones.html", "One-on-ones", tags: ["one-on-ones", "coaching"], sections: [
            (nil, "A regular private conversation with each person on your team."),
            ("The new debugging", "People rarely report the root cause. Treat what you hear as a symptom and keep debugging with questions."),
            ("Listen more than you talk", "A useful target: they speak for at least two thirds of the time."),
        ])
        + article("pitfalls/code-refuge.html", "Code as a refuge", topic: "Pitfalls", tags: ["identity"], sections: [
            (nil, "When leading gets hard, the editor feels safe. Writing code is a refuge from ambiguity."),
            ("Why it happens", "Your old skills still pay off immediately, and the refuge of code hides the cost of not delegating."),
        ])
        + article("pitfalls/the-hero.html", "The hero", topic: "Pitfalls", tags: ["delegation"], sections: [
            (nil, "The hero fixes every incident personally and the team never learns."),
        ])

    /// Many articles of filler text with a few planted words, for sizes and caps.
    static func filler(articles: Int, sectionsPerArticle: Int = 3) -> [SearchDocument] {
        let words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
                     "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango"]
        var documents: [SearchDocument] = []
        var seed = 12_345
        func next() -> Int {
            seed = (seed &* 1_103_515_245 &+ 12_345) & 0x7FFF_FFFF
            return seed
        }
        for article in 0..<articles {
            for section in 0..<sectionsPerArticle {
                var text = "common "
                for _ in 0..<40 { text += words[next() % words.count] + "\(next() % 50) " }
                documents.append(SearchDocument(
                    url: "topic\(article % 3)/article-\(article).html", anchor: section == 0 ? nil : "s\(section)",
                    title: article % 10 == 0 ? "Common title \(article)" : "Article \(article)",
                    heading: section == 0 ? nil : "Section \(section)", topic: "Topic \(article % 3)",
                    tags: ["tag\(article % 4)", "tag\((article + 1) % 4)"], text: text))
            }
        }
        return documents
    }
}
