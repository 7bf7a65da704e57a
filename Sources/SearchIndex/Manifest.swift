/// `search/meta.js`, the one file every search loads first: where everything else is.
///
///     window.HandbookSearch.meta({
///       "format": 1,                 // bumped when the file formats change
///       "documents": <count>,      // N in the idf formula
///       "groupCapacity": 64,         // ids per doc-store group: group = floor(id / capacity)
///       "impactScale": <number>,     // field score = expm1(impact × impactScale); × idf(term)
///       "maximumPostings": <count>,  // postings kept per term; a term with more documents is capped
///       "shards": [<key>…],          // term shard keys, sorted (see TermShards)
///       "lexicons": [<file key>…], "lexiconFiles": [<position>…],  // see Lexicons: every key,
///       "skipLexicons": [<file key>…], "skipLexiconFiles": [<position>…],  // and where each file's keys start
///       "topics": [[<name>, <first id>, <last id>]…],
///       "tags": [<name>…],
///       "filterFiles": [<tag index>…], // the first tag of each tag filter file (see TagFilters)
///       "stopWords": "<word> <word>…", // English only; "" for other languages
///       "language": "en",            // how words become terms: "en", "de", "fr", "es" or "none" (SearchLanguage)
///       "languages": [<code>…],      // only when some articles set another language: theirs, sorted
///       "stemmers": "<path>"         // only when one of those is stemmed by Snowball: the script
///                                    // with those stemmers, from the site root (search-stemmers.js)
///     });
enum Manifest {
    static let format = 2

    static func file(layout: DocumentLayout, shards: [TermShards.Shard], lexicons: Lexicons, filters: TagFilters, impactScale: ImpactScale, maximumPostings: Int,
                     language: SearchLanguage = .english, otherLanguages: [SearchLanguage] = [],
                     stemmersScript: String? = nil) -> SearchIndexFile {
        var output: [UInt8] = []
        output.append(ascii: "window.HandbookSearch.meta({\"format\":\(format),\"documents\":\(layout.documents.count)")
        output.append(ascii: ",\"groupCapacity\":\(layout.groupCapacity),\"impactScale\":\(impactScale.scale),\"maximumPostings\":\(maximumPostings)")
        output.append(ascii: ",\"shards\":")
        JavaScriptLiteral.appendStringArray(shards.map(\.key), to: &output)
        output.append(ascii: ",\"lexicons\":")
        JavaScriptLiteral.appendStringArray(lexicons.leading.keys, to: &output)
        output.append(ascii: ",\"lexiconFiles\":[\(lexicons.leading.fileStarts.map(String.init).joined(separator: ","))]")
        output.append(ascii: ",\"skipLexicons\":")
        JavaScriptLiteral.appendStringArray(lexicons.skipping.keys, to: &output)
        output.append(ascii: ",\"skipLexiconFiles\":[\(lexicons.skipping.fileStarts.map(String.init).joined(separator: ","))]")
        output.append(ascii: ",\"topics\":[")
        for (index, topic) in layout.topics.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(UInt8(ascii: "["))
            JavaScriptLiteral.appendString(topic.name, to: &output)
            output.append(ascii: ",\(topic.firstID),\(topic.lastID)]")
        }
        output.append(ascii: "],\"tags\":")
        JavaScriptLiteral.appendStringArray(layout.tagNames, to: &output)
        output.append(ascii: ",\"filterFiles\":[\(filters.fileStarts.map(String.init).joined(separator: ","))]")
        output.append(ascii: ",\"stopWords\":")
        JavaScriptLiteral.appendString(language.hasStopWords ? StopWords.words.sorted().joined(separator: " ") : "", to: &output)
        output.append(ascii: ",\"language\":")
        JavaScriptLiteral.appendString(language.rawValue, to: &output)
        if !otherLanguages.isEmpty {
            output.append(ascii: ",\"languages\":")
            JavaScriptLiteral.appendStringArray(otherLanguages.map(\.rawValue), to: &output)
        }
        if let stemmersScript, ([language] + otherLanguages).contains(where: \.isSnowball) {
            output.append(ascii: ",\"stemmers\":")
            JavaScriptLiteral.appendString(stemmersScript, to: &output)
        }
        output.append(ascii: "});\n")
        return SearchIndexFile(path: "search/meta.js", contents: String(decoding: output, as: UTF8.self))
    }
}
