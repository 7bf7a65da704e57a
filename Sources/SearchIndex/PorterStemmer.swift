/// The Porter stemming algorithm (M. F. Porter, 1980, "An algorithm for suffix stripping"),
/// exactly as in the author's reference C implementation, including its two documented
/// departures from the paper: step 2 maps "-bli" (not "-abli") to "-ble" and adds "-logi" → "-log",
/// and words of one or two letters are left alone.
///
/// `Theme/assets/search-engine.js` carries a step-for-step JavaScript twin (`porterStem`) so that
/// query words stem exactly as indexed words do. Change both or neither; the browser tests compare them.
enum PorterStemmer {
    /// Stems a lowercase word. Words that are not made only of the letters a–z, and words of two
    /// letters or fewer, come back unchanged.
    static func stem(_ word: String) -> String {
        var utf8 = Array(word.utf8)
        guard utf8.count > 2, utf8.allSatisfy({ $0 >= Letter.a && $0 <= Letter.z }) else { return word }
        var state = State(buffer: utf8)
        state.run()
        utf8 = Array(state.buffer[0...state.end])
        return String(decoding: utf8, as: UTF8.self)
    }

    /// ASCII codes of the letters the algorithm tests for.
    private enum Letter {
        static let a = UInt8(ascii: "a"), e = UInt8(ascii: "e"), i = UInt8(ascii: "i")
        static let o = UInt8(ascii: "o"), u = UInt8(ascii: "u"), y = UInt8(ascii: "y")
        static let l = UInt8(ascii: "l"), s = UInt8(ascii: "s"), z = UInt8(ascii: "z")
        static let t = UInt8(ascii: "t"), w = UInt8(ascii: "w"), x = UInt8(ascii: "x")
        static let c = UInt8(ascii: "c"), g = UInt8(ascii: "g"), n = UInt8(ascii: "n")
        static let v = UInt8(ascii: "v")
    }

    /// A suffix and its replacement, as byte arrays.
    private struct Rule {
        let suffix: [UInt8]
        let replacement: [UInt8]
        init(_ suffix: String, _ replacement: String) {
            self.suffix = Array(suffix.utf8)
            self.replacement = Array(replacement.utf8)
        }
    }

    private static func rules(_ pairs: [(String, String)]) -> [Rule] { pairs.map { Rule($0.0, $0.1) } }

    // Step 2 and step 3 rules, keyed by the letter the C code switches on.
    private static let step2Rules: [UInt8: [Rule]] = [
        Letter.a: rules([("ational", "ate"), ("tional", "tion")]),
        Letter.c: rules([("enci", "ence"), ("anci", "ance")]),
        Letter.e: rules([("izer", "ize")]),
        Letter.l: rules([("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous")]),
        Letter.o: rules([("ization", "ize"), ("ation", "ate"), ("ator", "ate")]),
        Letter.s: rules([("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous")]),
        Letter.t: rules([("aliti", "al"), ("iviti", "ive"), ("biliti", "ble")]),
        Letter.g: rules([("logi", "log")]),
    ]
    private static let step3Rules: [UInt8: [Rule]] = [
        Letter.e: rules([("icate", "ic"), ("ative", ""), ("alize", "al")]),
        Letter.i: rules([("iciti", "ic")]),
        Letter.l: rules([("ical", "ic"), ("ful", "")]),
        Letter.s: rules([("ness", "")]),
    ]
    private static let step4Suffixes: [UInt8: [[UInt8]]] = [
        Letter.a: ["al"], Letter.c: ["ance", "ence"], Letter.e: ["er"], Letter.i: ["ic"],
        Letter.l: ["able", "ible"], Letter.n: ["ant", "ement", "ment", "ent"], Letter.o: ["ion", "ou"],
        Letter.s: ["ism"], Letter.t: ["ate", "iti"], Letter.u: ["ous"], Letter.v: ["ive"],
        Letter.z: ["ize"],
    ].mapValues { $0.map { Array($0.utf8) } }
    private static let ion = Array("ion".utf8)

    /// The C implementation's globals: the word in `buffer[0...end]` and the stem end `stemEnd`
    /// (`k` and `j` in the original).
    private struct State {
        var buffer: [UInt8]
        var end: Int
        var stemEnd = 0

        init(buffer: [UInt8]) {
            self.buffer = buffer
            self.end = buffer.count - 1
        }

        mutating func run() {
            step1ab()
            guard end > 0 else { return }
            step1c()
            step2()
            step3()
            step4()
            step5()
        }

        func isConsonant(_ index: Int) -> Bool {
            switch buffer[index] {
            case Letter.a, Letter.e, Letter.i, Letter.o, Letter.u: return false
            case Letter.y: return index == 0 ? true : !isConsonant(index - 1)
            default: return true
            }
        }

        /// m(): the number of vowel-consonant sequences in `buffer[0...stemEnd]`.
        func measure() -> Int {
            var count = 0
            var index = 0
            while true {
                if index > stemEnd { return count }
                if !isConsonant(index) { break }
                index += 1
            }
            index += 1
            while true {
                while true {
                    if index > stemEnd { return count }
                    if isConsonant(index) { break }
                    index += 1
                }
                index += 1
                count += 1
                while true {
                    if index > stemEnd { return count }
                    if !isConsonant(index) { break }
                    index += 1
                }
                index += 1
            }
        }

        func vowelInStem() -> Bool {
            var index = 0
            while index <= stemEnd {
                if !isConsonant(index) { return true }
                index += 1
            }
            return false
        }

        func endsWithDoubleConsonant(at index: Int) -> Bool {
            index >= 1 && buffer[index] == buffer[index - 1] && isConsonant(index)
        }

        /// cvc(i): consonant-vowel-consonant ending at `index`, the last not w, x or y.
        func isConsonantVowelConsonant(at index: Int) -> Bool {
            if index < 2 || !isConsonant(index) || isConsonant(index - 1) || !isConsonant(index - 2) { return false }
            let last = buffer[index]
            return last != Letter.w && last != Letter.x && last != Letter.y
        }

        /// ends(s): whether the word ends with `suffix`; if so, points `stemEnd` before it.
        mutating func ends(_ suffix: [UInt8]) -> Bool {
            let length = suffix.count
            guard length <= end + 1 else { return false }
            let start = end - length + 1
            for offset in 0..<length where buffer[start + offset] != suffix[offset] { return false }
            stemEnd = end - length
            return true
        }

        mutating func ends(_ suffix: String) -> Bool { ends(Array(suffix.utf8)) }

        /// setto(s): replaces `buffer[stemEnd+1...end]` with `replacement`.
        mutating func setTo(_ replacement: [UInt8]) {
            for (offset, byte) in replacement.enumerated() {
                let position = stemEnd + 1 + offset
                if position < buffer.count { buffer[position] = byte } else { buffer.append(byte) }
            }
            end = stemEnd + replacement.count
        }

        mutating func setTo(_ replacement: String) { setTo(Array(replacement.utf8)) }

        mutating func replaceIfMeasured(_ replacement: [UInt8]) {
            if measure() > 0 { setTo(replacement) }
        }

        /// Plurals, -ed and -ing.
        mutating func step1ab() {
            if buffer[end] == Letter.s {
                if ends("sses") {
                    end -= 2
                } else if ends("ies") {
                    setTo("i")
                } else if buffer[end - 1] != Letter.s {
                    end -= 1
                }
            }
            if ends("eed") {
                if measure() > 0 { end -= 1 }
            } else if (ends("ed") || ends("ing")) && vowelInStem() {
                end = stemEnd
                if ends("at") {
                    setTo("ate")
                } else if ends("bl") {
                    setTo("ble")
                } else if ends("iz") {
                    setTo("ize")
                } else if endsWithDoubleConsonant(at: end) {
                    end -= 1
                    let last = buffer[end]
                    if last == Letter.l || last == Letter.s || last == Letter.z { end += 1 }
                } else if measure() == 1 && isConsonantVowelConsonant(at: end) {
                    setTo("e")
                }
            }
        }

        /// Terminal y becomes i when the stem has another vowel.
        mutating func step1c() {
            if ends("y") && vowelInStem() { buffer[end] = Letter.i }
        }

        /// The first rule whose suffix matches decides, even when its measure condition fails.
        mutating func applyFirstMatchingRule(_ rules: [Rule]?) {
            for rule in rules ?? [] where ends(rule.suffix) {
                replaceIfMeasured(rule.replacement)
                return
            }
        }

        mutating func step2() { applyFirstMatchingRule(PorterStemmer.step2Rules[buffer[end - 1]]) }

        mutating func step3() { applyFirstMatchingRule(PorterStemmer.step3Rules[buffer[end]]) }

        /// Removes -ant, -ence and friends when the remaining stem has m() > 1.
        mutating func step4() {
            guard let suffixes = PorterStemmer.step4Suffixes[buffer[end - 1]] else { return }
            var matched = false
            for suffix in suffixes where ends(suffix) {
                if suffix == PorterStemmer.ion {
                    // -ion only goes after s or t; otherwise the C code goes on to try -ou.
                    guard stemEnd >= 0, buffer[stemEnd] == Letter.s || buffer[stemEnd] == Letter.t else { continue }
                }
                matched = true
                break
            }
            if matched && measure() > 1 { end = stemEnd }
        }

        /// Removes a final -e, and -ll becomes -l, when m() > 1.
        mutating func step5() {
            stemEnd = end
            if buffer[end] == Letter.e {
                let m = measure()
                if m > 1 || (m == 1 && !isConsonantVowelConsonant(at: end - 1)) { end -= 1 }
            }
            if buffer[end] == Letter.l && endsWithDoubleConsonant(at: end) && measure() > 1 { end -= 1 }
        }
    }
}
