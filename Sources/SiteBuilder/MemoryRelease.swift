import Foundation

/// Gives memory the build has freed back to the system.
///
/// glibc's allocator keeps freed memory for later allocations, and memory freed in many small
/// pieces (the articles' HTML and links once the pages are written) seldom forms the
/// free region at the top of the heap that it returns on its own. What comes next allocates
/// in other sizes, so the process grew on top of what it had freed. `malloc_trim` hands back
/// every free page: called once the pages were written, it lowered the peak of a build of a
/// hundred thousand articles from 2.53 to 2.36 GB. Looked up at run time, as Glibc's module
/// does not declare it; elsewhere there is nothing to do.
enum MemoryRelease {
    static func returnFreedMemory() {
        #if os(Linux)
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = UnsafeRawPointer(bitPattern: trimAddress) else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }

    #if os(Linux)
    private static let trimAddress = Int(bitPattern: dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim"))
    #endif
}
