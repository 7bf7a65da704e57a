import KnowledgeBase
import RawDeflate

/// The EPUB's chapters, one per topic, made from the same book form of each article that
/// `book.html` shows and in the same pass over the articles (``BookPage``): each article's
/// HTML becomes XHTML (``BookXHTML``) and is deflated on its own, on all cores, and a chapter
/// is its pieces joined.
///
/// An article converted on its own gives the bytes it would give in line with the rest of
/// its chapter, since each topic heading and article closes what it opens. Only an id that an
/// earlier part of the chapter already used would come out differently (XML allows one of
/// each), so an article using one is converted again, knowing the chapter's ids.
struct EPUBChapters {
    /// What turns a topic heading or an article into XHTML: shared by the workers.
    struct Converter: Sendable {
        let prefixes: [(prefix: String, file: String)]
        let baseURL: String?
        /// The book's images by their paths in the site.
        let images: [String: String]

        /// `html`, a page of `folder`, as XHTML following a part that used `usedIDs`, and the
        /// ids used once it is added.
        func xhtml(_ html: String, folder: String, usedIDs: Set<String> = []) -> (bytes: [UInt8], ids: Set<String>) {
            let (prefixes, baseURL, images) = (prefixes, baseURL, images)
            var xhtml = BookXHTML(usedIDs: usedIDs)
            xhtml.append(html, resolve: { EPUBBook.resolve($0, folder: folder, prefixes: prefixes, baseURL: baseURL) },
                         image: { images[$0.removingPercentEncoding ?? $0] })
            return (xhtml.finish(), xhtml.usedIDs)
        }

        /// An article's book form, converted on its own and deflated.
        func piece(_ html: String, folder: String) -> Piece {
            let (bytes, ids) = xhtml(html, folder: folder)
            do {
                return Piece(contents: .success(try DeflatedPiece(bytes, level: EPUBArchive.level, final: false)), ids: ids)
            } catch {
                return Piece(contents: .failure(error), ids: ids)
            }
        }
    }

    /// An article's part of its chapter, deflated, and the ids it uses.
    struct Piece: Sendable {
        var contents: Result<DeflatedPiece, any Error>
        var ids: Set<String>
    }

    let converter: Converter
    let language: String
    /// The finished chapters, in the order of the topics.
    private(set) var chapters: [DeflatedPiece] = []
    /// The chapter being made.
    private var pieces: [DeflatedPiece] = []
    private var usedIDs: Set<String> = []

    init(factory: PageFactory) {
        let images = EPUBBook.images(of: factory.site, linked: factory.graph.linkedFiles)
        converter = Converter(prefixes: EPUBBook.filesByAnchorPrefix(site: factory.site, graph: factory.graph), baseURL: factory.site.config.baseURL,
                              images: Dictionary(uniqueKeysWithValues: images.map { ($0.file.outputPath, $0.path) }))
        language = factory.site.config.language
    }

    /// Starts the chapter of `topic`, whose heading and introduction are `html`.
    mutating func startChapter(_ topic: Topic, html: String) throws {
        let (bytes, ids) = converter.xhtml(html, folder: topic.slug)
        let head = EPUBBook.documentHead(title: topic.title, bodyClass: "chapter", language: language)
        pieces = [try deflate(Array(head.utf8) + bytes, final: false)]
        usedIDs = ids
    }

    /// Adds the next article of the chapter: `piece`, made by ``Converter/piece(_:folder:)`` from `html`.
    mutating func add(_ piece: Piece, html: String, folder: String) throws {
        guard piece.ids.isDisjoint(with: usedIDs) else {
            let (bytes, ids) = converter.xhtml(html, folder: folder, usedIDs: usedIDs)
            pieces.append(try deflate(bytes, final: false))
            usedIDs = ids
            return
        }
        do {
            pieces.append(try piece.contents.get())
        } catch {
            throw BuildError.write("\(EPUBBook.path): \(error)")
        }
        usedIDs.formUnion(piece.ids)
    }

    mutating func finishChapter() throws {
        pieces.append(try deflate(Array(EPUBBook.documentTail.utf8), final: true))
        chapters.append(DeflatedPiece.joined(pieces))
        (pieces, usedIDs) = ([], [])
    }

    private func deflate(_ bytes: [UInt8], final: Bool) throws -> DeflatedPiece {
        do {
            return try DeflatedPiece(bytes, level: EPUBArchive.level, final: final)
        } catch {
            throw BuildError.write("\(EPUBBook.path): \(error)")
        }
    }
}
