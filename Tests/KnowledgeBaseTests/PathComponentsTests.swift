import KnowledgeBase
import Testing

@Suite struct PathComponentsTests {
    @Test(arguments: ["practices/delegation", "/a//b/", "", "/", "notes/café/été.md", "a/../b/./c", "日本/記事", "no-slash"])
    func splitsAsCharactersDoWhereNoMarkFollowsASlash(path: String) {
        #expect(path.pathComponents() == path.split(separator: "/"))
        #expect(path.pathComponents(omittingEmpty: false) == path.split(separator: "/", omittingEmptySubsequences: false))
        let slice = path.dropFirst(0)
        #expect(slice.pathComponents() == slice.split(separator: "/"))
    }

    /// A URL's path is split at every `/`, even one a combining mark follows, which as
    /// characters would make one character with it.
    @Test func splitsAtEverySlashByte() {
        #expect("a/\u{301}b".pathComponents() == ["a", "\u{301}b"])
        #expect("a/\u{301}b".split(separator: "/") == ["a/\u{301}b"])
    }
}
