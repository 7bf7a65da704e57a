/// English function words that carry little meaning in a query.
///
/// They are still indexed (so a query of only stop words, or a quoted phrase such as
/// "the hero", still works), but a query that has other words ignores them for matching and
/// ranking. Their postings lists are long, so the index keeps only their best postings
/// (see ``SearchIndexBuilder/maximumPostingsPerTerm``). The list is written into the manifest,
/// so the browser uses exactly this one.
enum StopWords {
    /// Normalized (unstemmed) words; compare against ``Tokenizer`` output.
    static let words: Set<String> = [
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
        "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but",
        "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for",
        "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself",
        "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself",
        "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "of", "off", "on", "once",
        "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she",
        "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
        "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too",
        "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
        "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself",
        "yourselves",
        // Contractions as the tokenizer leaves them, without the apostrophe ("don't" is "dont"),
        // except those that spell another word that way ("we'll", "she'd", "i'll").
        "arent", "cant", "cannot", "couldnt", "didnt", "doesnt", "dont", "hadnt", "hasnt",
        "havent", "im", "isnt", "ive", "mustnt", "shouldnt", "theyd", "theyll", "theyre",
        "theyve", "wasnt", "werent", "weve", "wont", "wouldnt", "youd", "youll", "youre", "youve",
    ]
}
