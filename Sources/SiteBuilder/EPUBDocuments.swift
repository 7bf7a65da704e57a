import KnowledgeBase
import RawDeflate

/// The EPUB's content documents, made from the same book form of each article that
/// `book.html` shows and in the same pass over the articles (``BookPage``): for each topic, a
/// document with its heading and introduction (`chapter-02.xhtml`), then one per article
/// (`chapter-02-007.xhtml`). Each is converted to XHTML (``BookXHTML``) and deflated on
/// the core that rendered it.
///
/// A document per article keeps each file small, as e-readers need to turn pages quickly, and
/// makes every document a whole deflate stream of its own, compressed in one call.
struct EPUBDocuments: Sendable {
    /// What turns a topic heading or an article into a document: shared by the workers.
    struct Converter: Sendable {
        let paths: EPUBBook.DocumentPaths
        let baseURL: String?
        /// The book's images by their paths in the site.
        let images: [String: String]
        let language: String

        /// `html`, a page of `folder`, as XHTML.
        func xhtml(_ html: String, folder: String) -> [UInt8] {
            let (anchors, baseURL, images) = (paths.anchors, baseURL, images)
            var xhtml = BookXHTML()
            xhtml.append(html, resolve: { EPUBBook.resolve($0, folder: folder, anchors: anchors, baseURL: baseURL) },
                         image: { images[$0.removingPercentEncoding ?? $0] })
            return xhtml.finish()
        }

        /// A whole document titled `title` around `html`, deflated.
        func document(title: String, bodyClass: String, html: String, folder: String) -> DeflatedPiece {
            let head = EPUBBook.documentHead(title: title, bodyClass: bodyClass, language: language)
            return DeflatedPiece(Array(head.utf8) + xhtml(html, folder: folder) + Array(EPUBBook.documentTail.utf8))
        }

        /// An article's document: its path in the book, and its bytes deflated.
        func article(_ article: Article, html: String) -> (path: String, contents: DeflatedPiece)? {
            guard let path = paths.articles[article.id] else { return nil }
            return (path, document(title: article.title, bodyClass: "article", html: html, folder: article.topic))
        }
    }

    let converter: Converter
    /// The documents made so far, in reading order.
    private(set) var documents: [(path: String, contents: DeflatedPiece)] = []

    init(factory: PageFactory) {
        let images = EPUBBook.images(of: factory.site, linked: factory.graph.linkedFiles)
        converter = Converter(paths: EPUBBook.DocumentPaths(site: factory.site, graph: factory.graph), baseURL: factory.site.config.baseURL,
                              images: Dictionary(uniqueKeysWithValues: images.map { ($0.file.outputPath, $0.path) }),
                              language: factory.site.config.language)
    }

    /// Adds the document of `topic`, whose heading and introduction are `html`.
    mutating func addTopic(_ topic: Topic, html: String) {
        guard let path = converter.paths.topics[topic.slug] else { return }
        documents.append((path, converter.document(title: topic.title, bodyClass: "chapter", html: html, folder: topic.slug)))
    }

    /// Adds the next article's document, made by ``Converter/article(_:html:)``.
    mutating func addArticle(_ document: (path: String, contents: DeflatedPiece)) {
        documents.append(document)
    }
}
