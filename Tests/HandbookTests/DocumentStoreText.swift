import Foundation
import RawDeflate
@testable import SearchIndex

/// What a search index file says, for tests that look for text in it: a doc-store file
/// (`search/d-<group>.js`) carries its JSON deflated as Base64 in its one string, so this is that
/// JSON; any other file is itself.
func readableSearchFile(path: String, contents: String) -> String {
    guard path.hasPrefix("search/d-") || path.hasPrefix("d-"),
          let open = contents.firstIndex(of: "\""), let close = contents.lastIndex(of: "\""), open < close,
          let packed = Data(base64Encoded: String(contents[contents.index(after: open)..<close])),
          let json = RawDeflate.inflate(Array(packed)) else { return contents }
    return String(decoding: json, as: UTF8.self)
}
