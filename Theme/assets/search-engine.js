/*
 * Handbook offline search: the engine. No user interface; search-box.js and search-page.js
 * call window.HandbookSearch.search.
 *
 * Loads the index that SearchIndexBuilder writes under search/ one small file at a time, by
 * injecting <script src> elements (fetch, XHR and modules are blocked on file://; classic
 * scripts are not). Each index file calls one of the registration functions below. The page
 * tells us where the site root is with <body data-root="../">.
 *
 * Query-time ranking lives here and only here: a section's score for a query is the sum over
 * the query's words of the dequantized impact stored at build time (Ranking.swift) times the
 * word's idf, multiplied by the share of the words it matches. Once its text is loaded for the
 * results, a section counts more when the query's words are close together in it (proximity,
 * from the doc store's text: no word positions in the index) and when its heading, or for the
 * lead section the article's summary, names them.
 * Articles are then ordered by their matching sections, times the share of the query's words the
 * whole article has, with a bonus for a title that names them. A query's words that spell a
 * phrase of a synonym group (search/synonyms.js) stand for every phrase of the group. Tested in
 * a real browser against a built index (Tests/Browser/test_ranking.py) and on the handbook's
 * reader-phrased queries (Tests/Browser/test_relevance.py).
 *
 * Index content never reaches innerHTML: results are data ({text, mark} parts) for the
 * interfaces to build with createElement and textContent. No eval, so it runs under
 * Content-Security-Policy: script-src 'self'.
 *
 * The tokenizer (normalizeWord, WORD_PATTERN, the CJK pairs), the Porter stemmer, the word
 * forms (termOf), the language analyses (SearchLanguage.swift) and the file formats mirror
 * Sources/SearchIndex; change them together. The manifest names the site's language; the German,
 * French and Spanish stemmers are in search-stemmers.js, loaded with the manifest when the site
 * or some of its articles are in one of those languages.
 */
(function () {
  "use strict";

  var HS = (window.HandbookSearch = window.HandbookSearch || {});

  /* ------------------------------------------------------------------ */
  /* Loading index files                                                 */
  /* ------------------------------------------------------------------ */

  var arrived = Object.create(null); // file name -> what the file registered
  var loading = Object.create(null); // file name -> Promise of it

  HS.meta = function (manifest) { arrived["meta.js"] = manifest; };
  HS.shard = function (key, entries) { arrived["t-" + fileKey(key) + ".js"] = entries; };
  HS.docs = function (group, packed) { arrived["d-" + group + ".js"] = packed; };
  HS.lexicon = function (name, lists) { arrived[name + ".js"] = lists; };
  HS.filter = function (firstTag, ranges) { arrived["f-" + firstTag + ".js"] = ranges; };
  HS.synonyms = function (groups) { arrived["synonyms.js"] = groups; };

  /** The names of the index files this page has asked for (for tests and measurements). */
  HS.loadedFiles = function () { return Object.keys(loading).sort(); };

  function siteRoot() {
    return (document.body && document.body.getAttribute("data-root")) || "";
  }
  HS.siteRoot = siteRoot;

  /** search/<file>, loaded once: a Promise of what the file registered. */
  function load(file) {
    if (!loading[file]) {
      loading[file] = runScript("search/" + file).then(function () {
        if (file in arrived) return arrived[file];
        throw new Error("search/" + file + " did not register");
      }).catch(function (error) {
        delete loading[file];
        throw error;
      });
    }
    return loading[file];
  }

  /** Runs the script at `path` (from the site root) with a <script src>: a Promise of its end. */
  function runScript(path) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = siteRoot() + path;
      script.async = true;
      script.addEventListener("load", function () { script.remove(); resolve(); });
      script.addEventListener("error", function () { script.remove(); reject(new Error("Could not load " + path)); });
      document.head.appendChild(script);
    });
  }

  /** Same as CompactEncoding.fileKey: a-z and 0-9 stay, other UTF-16 units become _xxxx. */
  function fileKey(key) {
    var out = "";
    for (var i = 0; i < key.length; i++) {
      var c = key.charCodeAt(i);
      out += (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? key[i] : "_" + ("000" + c.toString(16)).slice(-4);
    }
    return out;
  }

  /**
   * The file of each typo-list key: the keys are in file order, and `starts` holds the position
   * of each file's first key, which also names the file (see Lexicons.swift).
   */
  function filesOfKeys(kind, keys, starts) {
    var files = new Map(), file = 0;
    keys.forEach(function (key, position) {
      while (file + 1 < starts.length && starts[file + 1] <= position) file++;
      files.set(key, kind + "-" + keys[starts[file]] + ".js");
    });
    return files;
  }

  /** Of sorted first positions, the last one at or before `position`. */
  function lastStartAtOrBefore(starts, position) {
    var low = 0, high = starts.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (starts[middle] <= position) low = middle; else high = middle - 1;
    }
    return starts[low];
  }

  var manifestPromise = null;
  /** The manifest (search/meta.js), with its word lists as sets. */
  function manifest() {
    if (!manifestPromise) {
      manifestPromise = load("meta.js").then(function (meta) {
        setLanguage(meta.language || "en");
        otherLanguages = meta.languages || [];
        meta.stopSet = new Set(meta.stopWords ? meta.stopWords.split(" ") : []);
        meta.lexiconFile = filesOfKeys("l", meta.lexicons, meta.lexiconFiles);
        meta.skipLexiconFile = filesOfKeys("x", meta.skipLexicons, meta.skipLexiconFiles);
        return snowballStemmers(meta).then(function () { return meta; });
      }).catch(function (error) {
        manifestPromise = null;
        throw error;
      });
    }
    return manifestPromise;
  }
  HS.manifest = manifest;

  /**
   * Loads search-stemmers.js, where the manifest names it, when the site's language or an
   * article's is stemmed by Snowball; resolves at once for every other site.
   */
  function snowballStemmers(meta) {
    var missing = [language].concat(otherLanguages).filter(function (code) {
      return isSnowball(code) && !STEMMERS[code];
    });
    if (missing.length === 0) return Promise.resolve();
    if (!meta.stemmers) return Promise.reject(new Error("search/meta.js names no stemmers for " + missing.join(", ")));
    return runScript(meta.stemmers).then(function () {
      if (!STEMMERS[missing[0]]) throw new Error(meta.stemmers + " did not register");
    });
  }

  var synonymsPromise = null;
  /**
   * The synonym groups (search/synonyms.js), each phrase as its list of terms and of the words
   * it is searched by (stop words only when it has nothing else); [] when the site has none.
   */
  function synonymGroups(meta) {
    if (!synonymsPromise) {
      synonymsPromise = load("synonyms.js").then(function (groups) {
        return groups.map(function (group) {
          return group.map(function (phrase) {
            // One-letter words ("1" of "1:1") find too much on their own: a phrase is matched
            // with them but searched without them.
            var words = tokenize(phrase).map(function (t) { return t.word; }).filter(Boolean);
            return { terms: words.map(stem), words: unique(words.filter(function (w) { return w.length > 1; })) };
          }).filter(function (phrase) { return phrase.terms.length > 0; });
        });
      }, function () { synonymsPromise = null; return []; });
    }
    return synonymsPromise;
  }

  function unique(words) {
    var seen = new Set();
    return words.filter(function (w) { var t = stem(w); if (seen.has(t)) return false; seen.add(t); return true; });
  }

  /* ------------------------------------------------------------------ */
  /* Tokenizing and stemming (mirrors Tokenizer.swift, PorterStemmer.swift) */
  /* ------------------------------------------------------------------ */

  var WORD_PATTERN = /[\p{L}\p{M}\p{N}]+(?:['\u2019][\p{L}\p{M}\p{N}]+)*/gu;
  /** Han, kana and Hangul, as Tokenizer.isCJK. */
  /** Characters past the Latin, Greek and Cyrillic blocks: a cheap test before CJK_PATTERN. */
  var NOT_LATIN_PATTERN = /[^\u0000-\u10ff]/;
  var CJK_PATTERN = /[\u1100-\u11ff\u3005-\u3007\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\u{20000}-\u{2ffff}]/u;

  /** The site's analysis (SearchLanguage.swift): "en", "de", "fr", "es" or "none"; set by the manifest. */
  var language = "en";
  /** The analyses of articles written in another language (the manifest's "languages"). */
  var otherLanguages = [];
  function setLanguage(code) { language = code; }

  /** The term a raw query word has in another language: normalized and stemmed as there. */
  function termIn(code, raw) {
    var saved = language;
    language = code;
    try {
      var word = normalizeWord(raw);
      return word ? stem(word) : null;
    } finally {
      language = saved;
    }
  }

  /**
   * As Tokenizer.normalize: German, French and Spanish keep their accents until the word is
   * stemmed (Tokenizer.WordStyle), and French drops an elision (l', qu'…).
   */
  function normalizeWord(raw) {
    var s = raw.toLowerCase();
    s = isSnowball(language) ?
      s.normalize("NFKC").replace(/\u2019/g, "'").replace(/[^\p{L}\p{M}\p{N}']/gu, "") :
      s.normalize("NFKD").replace(/\u2019/g, "'").replace(/[^\p{L}\p{N}']/gu, "");
    s = s.replace(/\u03c2/g, "\u03c3");
    var elision = language === "fr" && /^(?:qu|[cdjlmnstz])'/.exec(s);
    if (elision && s.length > elision[0].length) s = s.slice(elision[0].length);
    if (s.length >= 2 && s.slice(-2) === "'s") s = s.slice(0, -2);
    s = s.replace(/'/g, "");
    return s && s.length <= 64 ? s : null;
  }

  /** As Tokenizer.foldCJK: folded like a word, but voicing marks kept and composed again. */
  function foldCJK(run) {
    return run.toLowerCase().normalize("NFKD").replace(/[^\p{L}\p{N}\u3099\u309a]/gu, "").normalize("NFC");
  }

  /**
   * The words of a text with their offsets: [{start, end, word}] (word may be null). A run of
   * CJK characters gives its overlapping pairs (its one character when it has one), as
   * Tokenizer.forEachPiece does for queries; each pair spans its two characters in the text.
   */
  function tokenize(text) {
    var tokens = [];
    WORD_PATTERN.lastIndex = 0;
    var match;
    while ((match = WORD_PATTERN.exec(text)) !== null) {
      if (CJK_PATTERN.test(match[0])) {
        pushPieces(tokens, match[0], match.index);
      } else {
        tokens.push({ start: match.index, end: match.index + match[0].length, word: normalizeWord(match[0]) });
      }
    }
    return tokens;
  }

  function pushPieces(tokens, raw, offset) {
    var runStart = 0, runIsCJK = false;
    function finish(end) {
      if (end <= runStart) return;
      var piece = raw.slice(runStart, end), start = offset + runStart;
      if (!runIsCJK) {
        tokens.push({ start: start, end: offset + end, word: normalizeWord(piece) });
        return;
      }
      var folded = Array.from(foldCJK(piece));
      if (folded.length === 1) tokens.push({ start: start, end: offset + end, word: folded[0] });
      if (folded.length < 2) return;
      // Where each character starts in the text, when folding kept one character for each.
      var at = [], i = 0;
      for (var c of piece) { at.push(i); i += c.length; }
      at.push(piece.length);
      var exact = at.length - 1 === folded.length;
      for (var k = 0; k + 1 < folded.length; k++) {
        tokens.push({
          start: exact ? start + at[k] : start,
          end: exact ? start + at[k + 2] : offset + end,
          word: folded[k] + folded[k + 1]
        });
      }
    }
    for (var i = 0; i < raw.length;) {
      var length = raw.codePointAt(i) > 0xffff ? 2 : 1;
      var isCJK = CJK_PATTERN.test(raw.slice(i, i + length));
      if (isCJK !== runIsCJK) { finish(i); runStart = i; }
      runIsCJK = isCJK;
      i += length;
    }
    finish(raw.length);
  }

  var STEP2 = {
    a: [["ational", "ate"], ["tional", "tion"]],
    c: [["enci", "ence"], ["anci", "ance"]],
    e: [["izer", "ize"]],
    l: [["bli", "ble"], ["alli", "al"], ["entli", "ent"], ["eli", "e"], ["ousli", "ous"]],
    o: [["ization", "ize"], ["ation", "ate"], ["ator", "ate"]],
    s: [["alism", "al"], ["iveness", "ive"], ["fulness", "ful"], ["ousness", "ous"]],
    t: [["aliti", "al"], ["iviti", "ive"], ["biliti", "ble"]],
    g: [["logi", "log"]]
  };
  var STEP3 = {
    e: [["icate", "ic"], ["ative", ""], ["alize", "al"]],
    i: [["iciti", "ic"]],
    l: [["ical", "ic"], ["ful", ""]],
    s: [["ness", ""]]
  };
  var STEP4 = {
    a: ["al"], c: ["ance", "ence"], e: ["er"], i: ["ic"], l: ["able", "ible"],
    n: ["ant", "ement", "ment", "ent"], o: ["ion", "ou"], s: ["ism"], t: ["ate", "iti"],
    u: ["ous"], v: ["ive"], z: ["ize"]
  };

  /** Porter's stemmer, step for step as PorterStemmer.swift (the reference C version). */
  function porterStem(word) {
    if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
    var s = new Stemming(word);
    s.step1ab();
    if (s.k > 0) {
      s.step1c();
      s.firstRule(STEP2[s.b[s.k - 1]]);
      s.firstRule(STEP3[s.b[s.k]]);
      s.step4();
      s.step5();
    }
    return s.b.slice(0, s.k + 1).join("");
  }

  /** A word being stemmed: its letters b, the end of the word k, the end of the stem j. */
  function Stemming(word) {
    this.b = word.split("");
    this.k = this.b.length - 1;
    this.j = 0;
  }

  Stemming.prototype.cons = function (i) {
    var c = this.b[i];
    if (c === "a" || c === "e" || c === "i" || c === "o" || c === "u") return false;
    if (c === "y") return i === 0 ? true : !this.cons(i - 1);
    return true;
  };

  /** The number of vowel-consonant sequences in b[0...j]. */
  Stemming.prototype.measure = function () {
    var n = 0, i = 0, j = this.j;
    for (;;) { if (i > j) return n; if (!this.cons(i)) break; i++; }
    i++;
    for (;;) {
      for (;;) { if (i > j) return n; if (this.cons(i)) break; i++; }
      i++;
      n++;
      for (;;) { if (i > j) return n; if (!this.cons(i)) break; i++; }
      i++;
    }
  };

  Stemming.prototype.vowelInStem = function () {
    for (var i = 0; i <= this.j; i++) if (!this.cons(i)) return true;
    return false;
  };

  Stemming.prototype.doubleConsonant = function (i) {
    return i >= 1 && this.b[i] === this.b[i - 1] && this.cons(i);
  };

  Stemming.prototype.cvc = function (i) {
    if (i < 2 || !this.cons(i) || this.cons(i - 1) || !this.cons(i - 2)) return false;
    var c = this.b[i];
    return c !== "w" && c !== "x" && c !== "y";
  };

  Stemming.prototype.ends = function (s) {
    var length = s.length, k = this.k;
    if (length > k + 1) return false;
    for (var x = 0; x < length; x++) if (this.b[k - length + 1 + x] !== s[x]) return false;
    this.j = k - length;
    return true;
  };

  Stemming.prototype.setTo = function (s) {
    for (var x = 0; x < s.length; x++) this.b[this.j + 1 + x] = s[x];
    this.k = this.j + s.length;
  };

  Stemming.prototype.firstRule = function (rules) {
    if (!rules) return;
    for (var x = 0; x < rules.length; x++) {
      if (this.ends(rules[x][0])) {
        if (this.measure() > 0) this.setTo(rules[x][1]);
        return;
      }
    }
  };

  /** Step 1ab: plurals, -ed, -ing. */
  Stemming.prototype.step1ab = function () {
    var b = this.b;
    if (b[this.k] === "s") {
      if (this.ends("sses")) this.k -= 2;
      else if (this.ends("ies")) this.setTo("i");
      else if (b[this.k - 1] !== "s") this.k--;
    }
    if (this.ends("eed")) {
      if (this.measure() > 0) this.k--;
    } else if ((this.ends("ed") || this.ends("ing")) && this.vowelInStem()) {
      this.k = this.j;
      if (this.ends("at")) this.setTo("ate");
      else if (this.ends("bl")) this.setTo("ble");
      else if (this.ends("iz")) this.setTo("ize");
      else if (this.doubleConsonant(this.k)) {
        this.k--;
        var last = b[this.k];
        if (last === "l" || last === "s" || last === "z") this.k++;
      } else if (this.measure() === 1 && this.cvc(this.k)) this.setTo("e");
    }
  };

  /** Step 1c: y to i when there is another vowel in the stem. */
  Stemming.prototype.step1c = function () {
    if (this.ends("y") && this.vowelInStem()) this.b[this.k] = "i";
  };

  /** Step 4: -ant, -ence and the like, dropped when the stem is long enough. */
  Stemming.prototype.step4 = function () {
    var suffixes = STEP4[this.b[this.k - 1]];
    if (!suffixes) return;
    var matched = false;
    for (var x = 0; x < suffixes.length; x++) {
      if (this.ends(suffixes[x])) {
        if (suffixes[x] === "ion" && !(this.j >= 0 && (this.b[this.j] === "s" || this.b[this.j] === "t"))) continue;
        matched = true;
        break;
      }
    }
    if (matched && this.measure() > 1) this.k = this.j;
  };

  /** Step 5: a final -e, and -ll to -l. */
  Stemming.prototype.step5 = function () {
    var b = this.b;
    this.j = this.k;
    if (b[this.k] === "e") {
      var m = this.measure();
      if (m > 1 || (m === 1 && !this.cvc(this.k - 1))) this.k--;
    }
    if (b[this.k] === "l" && this.doubleConsonant(this.k) && this.measure() > 1) this.k--;
  };


  /* ------------------------------------------------------------------ */
  /* Word forms (mirrors WordForms.swift): spelling, stem, joined stems  */
  /* ------------------------------------------------------------------ */

  var SPELLING_SUFFIXES = [
    ["isations", "izations"], ["isation", "ization"], ["ising", "izing"], ["ised", "ized"], ["isers", "izers"],
    ["iser", "izer"], ["ises", "izes"], ["ise", "ize"],
    ["ysing", "yzing"], ["ysed", "yzed"], ["yses", "yzes"], ["yse", "yze"],
    ["ourable", "orable"], ["ouring", "oring"], ["oured", "ored"], ["ourite", "orite"], ["ourites", "orites"],
    ["ourful", "orful"], ["ourless", "orless"], ["ours", "ors"], ["our", "or"],
    ["ogues", "ogs"], ["ogue", "og"]
  ];
  var NOT_ISE_ROOTS = new Set(("adv dev rev superv telev improv prec conc exerc exc inc circumc prom comprom prem dem " +
    "surpr enterpr compr appr expert advert chast disgu otherw likew clockw franch merchand desp parad treat torto " +
    "porpo turquo mort repr pra cru bru upr cer chem val an").split(" "));
  var NOT_OUR_ROOTS = new Set(["dev", "cont", "det", "param", "troubad", "sc", "fl"]);
  var RESPELLINGS = new Map([
    ["judgement", "judgment"], ["judgements", "judgments"], ["acknowledgement", "acknowledgment"],
    ["acknowledgements", "acknowledgments"], ["centre", "center"], ["centres", "centers"], ["centred", "centered"],
    ["programme", "program"], ["programmes", "programs"], ["defence", "defense"], ["offence", "offense"],
    ["licence", "license"], ["practise", "practice"], ["practised", "practiced"], ["practising", "practicing"],
    ["grey", "gray"], ["learnt", "learned"], ["burnt", "burned"], ["fulfil", "fulfill"], ["enrol", "enroll"],
    ["skilful", "skillful"], ["focussed", "focused"], ["focussing", "focusing"], ["theatre", "theater"],
    ["travelling", "traveling"], ["travelled", "traveled"], ["modelling", "modeling"], ["labelled", "labeled"]
  ]);
  var JOINED_STEMS = new Map([
    ["loneli", "lone"], ["decis", "decid"], ["prioriti", "priorit"], ["emphasi", "emphas"], ["analysi", "analyz"],
    ["explan", "explain"], ["solut", "solv"], ["failur", "fail"], ["empathet", "empathi"], ["empath", "empathi"],
    ["introduct", "introduc"], ["anxieti", "anxiou"]
  ]);

  /** The American spelling of a lowercase ASCII word; other words unchanged. */
  function americanSpelling(word) {
    var respelled = RESPELLINGS.get(word);
    if (respelled) return respelled;
    if (word.length < 6 || !/^[a-z]+$/.test(word)) return word;
    for (var i = 0; i < SPELLING_SUFFIXES.length; i++) {
      var british = SPELLING_SUFFIXES[i][0];
      if (!word.endsWith(british)) continue;
      var root = word.slice(0, word.length - british.length);
      if (root.length < 3) return word;
      if (british.startsWith("is") && NOT_ISE_ROOTS.has(root)) return word;
      if (british.startsWith("our") && NOT_OUR_ROOTS.has(root)) return word;
      return root + SPELLING_SUFFIXES[i][1];
    }
    return word;
  }

  /** The term of a normalized word in the site's language, as SearchLanguage.term. */
  function termOf(word) {
    if (language === "none") return word;
    if (isSnowball(language)) {
      if (!STEMMERS[language]) throw new Error("search-stemmers.js is not loaded: no stemmer for " + language);
      return snowballTerm(word, STEMMERS[language]);
    }
    return englishTerm(word);
  }

  /** The languages stemmed by a Snowball algorithm (search-stemmers.js), by their code in the manifest. */
  function isSnowball(code) { return code === "de" || code === "fr" || code === "es"; }
  /** Their stemmers by code, once search-stemmers.js has registered them. */
  var STEMMERS = Object.create(null);
  HS.stemmers = function (stemmers) { STEMMERS = stemmers; };

  /** German, French, Spanish: the stem of the word with its accents, then accents folded. */
  function snowballTerm(word, stemmer) {
    if (CJK_PATTERN.test(String.fromCodePoint(word.codePointAt(0)))) return word;
    var s = stemmer(word);
    if (/^[\x00-\x7f]*$/.test(s)) return s;
    return s.normalize("NFKD").replace(/[^\p{L}\p{N}]/gu, "") || word;
  }

  /** The term of a normalized English word, as WordForms.term: spelling, Porter stem, joined stems. */
  function englishTerm(word) {
    var spelled = americanSpelling(word), s = porterStem(spelled);
    if (s.length < 3 && spelled.length > s.length) s += "e";
    if (s.length >= 3 && /[aeiou]y$/.test(s)) s = s.slice(0, -1) + "i";
    return JOINED_STEMS.get(s) || s;
  }

  var stemCaches = Object.create(null); // language -> Map of word -> term
  /** The term of a normalized word in the current language (termOf), cached. */
  function stem(word) {
    var stemCache = stemCaches[language] || (stemCaches[language] = new Map());
    var known = stemCache.get(word);
    if (known === undefined) {
      known = termOf(word);
      if (stemCache.size > 50000) stemCache.clear();
      stemCache.set(word, known);
    }
    return known;
  }

  HS.stem = porterStem;
  HS.term = englishTerm;
  HS.normalize = normalizeWord;
  /** The terms a query's text is searched by in a language ("en", "de", "fr", "es", "none"), for tests. */
  HS.analyze = function (code, text) {
    var saved = language;
    setLanguage(code);
    try {
      return tokenize(text).filter(function (t) { return t.word; }).map(function (t) { return stem(t.word); });
    } finally {
      setLanguage(saved);
    }
  };

  /* ------------------------------------------------------------------ */
  /* Index data (formats: TermShards.swift, DocumentStore.swift, …)      */
  /* ------------------------------------------------------------------ */

  var DIGIT = (function () {
    var alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
    var table = new Int8Array(128).fill(-1);
    for (var i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
    return table;
  })();

  /** Postings text -> {ids, impacts}: varint id gaps, each followed by a one-digit impact. */
  function decodePostings(text) {
    var ids = [], impacts = [];
    var id = 0, p = 0;
    while (p < text.length) {
      var value = 0;
      for (;;) {
        var d = DIGIT[text.charCodeAt(p++)];
        if (d >= 32) { value = value * 32 + d - 32; break; }
        value = value * 32 + d;
      }
      id += value;
      ids.push(id);
      impacts.push(DIGIT[text.charCodeAt(p++)]);
    }
    return { ids: ids, impacts: impacts };
  }

  function decodeVarints(text) {
    var values = [], value = 0;
    for (var p = 0; p < text.length; p++) {
      var d = DIGIT[text.charCodeAt(p)];
      if (d >= 32) { values.push(value * 32 + d - 32); value = 0; } else value = value * 32 + d;
    }
    return values;
  }

  /** A loaded term shard: flat [term, tails, documents, postings, …] plus a lookup table. */
  var shards = Object.create(null);
  function shardAt(meta, index) {
    if (shards[index]) return shards[index];
    shards[index] = load("t-" + fileKey(meta.shards[index]) + ".js").then(function (flat) {
      var entries = [], byTerm = new Map();
      for (var i = 0; i + 3 < flat.length; i += 4) {
        var entry = { term: flat[i], tails: flat[i + 1], documents: flat[i + 2], postings: flat[i + 3], decoded: null, spellings: null };
        entries.push(entry);
        byTerm.set(entry.term, entry);
      }
      return { entries: entries, byTerm: byTerm };
    }, function (error) { delete shards[index]; throw error; });
    return shards[index];
  }

  /** The index of the last shard key <= term, or -1. */
  function shardIndex(meta, term) {
    var keys = meta.shards, lo = 0, hi = keys.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] <= term) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  function findTerm(meta, term) {
    var index = shardIndex(meta, term);
    if (index < 0) return Promise.resolve(null);
    return shardAt(meta, index).then(function (shard) { return shard.byTerm.get(term) || null; });
  }

  function postingsOf(entry) {
    if (!entry.decoded) entry.decoded = decodePostings(entry.postings);
    return entry.decoded;
  }

  /** The spellings of a stem recorded in its tails ("deleg" + "ation", "happi" + "1y"). */
  function spellingsOf(entry) {
    if (!entry.spellings) {
      entry.spellings = entry.tails ? entry.tails.split(" ").map(function (tail) {
        var digits = /^[0-9]*/.exec(tail)[0];
        return entry.term.slice(0, entry.term.length - (Number(digits) || 0)) + tail.slice(digits.length);
      }) : [];
    }
    return entry.spellings;
  }

  /** A doc-store group from its file's Base64 of raw deflate of JSON (DocumentStore.swift). */
  function inflateGroup(packed) {
    var binary = atob(packed), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).text().then(function (json) {
      var parts = JSON.parse(json);
      parts[1].forEach(function (section) {
        // Anchor 0: the heading (ASCII letters, digits and spaces) in lowercase, spaces as "-".
        if (section[1] === 0) section[1] = section[2].toLowerCase().replace(/ /g, "-");
      });
      return { articles: parts[0], sections: parts[1] };
    });
  }

  var groups = Object.create(null);
  function documentGroup(group) {
    if (!groups[group]) {
      groups[group] = load("d-" + group + ".js").then(inflateGroup).catch(function (error) { delete groups[group]; throw error; });
    }
    return groups[group];
  }

  function tagFilter(meta, tagName) {
    var index = meta.tags.indexOf(tagName);
    if (index < 0) return Promise.resolve([]); // an unknown tag matches nothing
    var firstTag = lastStartAtOrBefore(meta.filterFiles, index);
    return load("f-" + firstTag + ".js").then(function (tagRanges) {
      var values = decodeVarints(tagRanges[index - firstTag]), ranges = [], end = 0;
      for (var i = 0; i + 1 < values.length; i += 2) {
        var first = end + values[i];
        end = first + values[i + 1];
        ranges.push([first, end]);
      }
      return ranges;
    });
  }

  function inRanges(ranges, id) {
    var lo = 0, hi = ranges.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (id < ranges[mid][0]) hi = mid - 1;
      else if (id >= ranges[mid][1]) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /* ------------------------------------------------------------------ */
  /* Queries                                                             */
  /* ------------------------------------------------------------------ */

  var MAX_QUERY_WORDS = 12;
  var MAX_PREFIX_EXPANSIONS = 12;
  var MAX_TYPO_CANDIDATES = 6;
  var PREFIX_WEIGHT = 0.8;
  var TYPO_WEIGHT = 0.6;
  var SYNONYM_WEIGHT = 0.9;
  var TITLE_BONUS = 2;
  var PROXIMITY_BONUS = 1;
  var PROXIMITY_SECTIONS = 3;
  var HEADING_BONUS = 1;
  var SUMMARY_BONUS = 1;
  // An article's sections after its best count by the share of the question each answers, to
  // this power: a long article that mentions one common query word in many sections must not
  // add up past a shorter one about the whole question.
  var SECONDARY_SHARE_POWER = 0.25;
  var MIN_TYPO_LENGTH = 5;

  /**
   * Splits a query into words and quoted phrases. The last word is a prefix (still being typed)
   * unless the query ends with a space or a quote. Stop words are dropped unless the query has
   * nothing else.
   */
  function parseQuery(query, meta, groups) {
    var all = [], phrases = [];
    quotedSegments(query).forEach(function (segment) {
      var tokens = tokenize(segment.text).filter(function (t) { return t.word; });
      tokens.forEach(function (t) {
        var end = segment.offset + t.end;
        all.push({ word: t.word, raw: segment.text.slice(t.start, t.end), end: end, quoted: segment.quoted,
          prefix: !segment.quoted && end === query.length && t.word.length >= 2 });
      });
      if (segment.quoted && tokens.length > 1) phrases.push(tokens.map(function (t) { return t.word; }));
    });
    var onlyStopWords = all.every(function (t) { return meta.stopSet.has(t.word); });
    var concepts = findSynonyms(all, groups || []);
    var words = [], seen = new Map(), open = null;
    all.forEach(function (t, index) {
      var concept = concepts.get(index);
      if (concept && !seen.has(concept.key) && words.length < MAX_QUERY_WORDS) {
        seen.set(concept.key, words.length);
        words.push(concept.word);
        open = concept;
      }
      var covering = open && index <= open.last ? open.word : null;
      if (!onlyStopWords && meta.stopSet.has(t.word)) return;
      var prefix = index === all.length - 1 && !t.quoted && t.end === query.length && t.word.length >= 2;
      var key = t.word + (prefix ? "*" : "");
      if (!seen.has(key) && words.length < MAX_QUERY_WORDS) {
        seen.set(key, words.length);
        var queryWord = { word: t.word, stem: stem(t.word), prefix: prefix, otherStems: [] };
        if (!CJK_PATTERN.test(t.word)) otherLanguages.forEach(function (code) {
          var other = termIn(code, t.raw);
          if (other && other !== queryWord.stem && queryWord.otherStems.indexOf(other) < 0) queryWord.otherStems.push(other);
        });
        words.push(queryWord);
      }
      if (covering && seen.has(key)) covering.covers.push(seen.get(key));
    });
    return { words: words, phrases: phrases };
  }

  /**
   * Where unquoted query words spell a phrase of a synonym group (the longest first, left to
   * right): a Map from the first word's index to an extra, optional query word that stands for
   * the group's other phrases, {word, optional, alternatives: [{words, weight}]}. The words the
   * reader typed stay query words of their own; the extra word adds the score of the best other
   * phrase (times SYNONYM_WEIGHT) and is not counted against sections that lack it.
   */
  function findSynonyms(all, groups) {
    var found = new Map();
    if (!groups.length) return found;
    var terms = all.map(function (t) { return stem(t.word); });
    for (var i = 0; i < all.length; i++) {
      var best = null;
      groups.forEach(function (group) {
        group.forEach(function (phrase) {
          var n = phrase.terms.length;
          if (best && best.length >= n) return;
          for (var k = 0; k < n; k++) if (i + k >= all.length || all[i + k].quoted || terms[i + k] !== phrase.terms[k]) return;
          best = { length: n, group: group, phrase: phrase };
        });
      });
      if (!best) continue;
      var last = i + best.length - 1;
      // A phrase made only of words the reader typed adds nothing ("one-on-one" for "one-on-ones").
      var typedTerms = new Set(best.phrase.terms);
      var alternatives = best.group.filter(function (phrase) {
        return phrase.words.length > 0 && phrase.terms.some(function (t) { return !typedTerms.has(t); });
      })
        .map(function (phrase) { return { words: phrase.words, weight: SYNONYM_WEIGHT }; });
      found.set(i, {
        key: "=" + best.group.map(function (p) { return p.terms.join(" "); }).join("="),
        last: last,
        word: { word: "=" + all.slice(i, last + 1).map(function (t) { return t.word; }).join(" "), optional: true, covers: [], alternatives: alternatives }
      });
      i = last;
    }
    return found;
  }

  /** The query cut at double quotes: [{text, offset, quoted}]. */
  function quotedSegments(query) {
    var segments = [], inQuote = false, start = 0;
    for (var i = 0; i <= query.length; i++) {
      var c = query[i];
      if (i === query.length || c === '"' || c === "\u201c" || c === "\u201d") {
        if (i > start) segments.push({ text: query.slice(start, i), offset: start, quoted: inQuote });
        inQuote = !inQuote;
        start = i + 1;
      }
    }
    return segments;
  }

  /**
   * What a query word matches: for a plain word, its terms; for a synonym group,
   * {alternatives: [{weight, words: [terms of each word]}]}.
   */
  function resolveQueryWord(meta, queryWord, timed) {
    if (!queryWord.alternatives) return resolveWord(meta, queryWord, timed);
    return Promise.all(queryWord.alternatives.map(function (alternative) {
      return Promise.all(alternative.words.map(function (word) {
        return findTerm(meta, stem(word)).then(function (entry) { return entry ? [{ entry: entry, weight: 1 }] : []; });
      })).then(function (words) { return { weight: alternative.weight, words: words }; });
    })).then(function (alternatives) { return { alternatives: alternatives }; });
  }

  /** Terms for one query word: [{entry, weight}], by exact stem, prefix, or one typo. */
  function resolveWord(meta, queryWord, timed) {
    var matches = new Map();
    function add(entry, weight) {
      if (!entry) return;
      var known = matches.get(entry.term);
      if (!known || known.weight < weight) matches.set(entry.term, { entry: entry, weight: weight });
    }
    // Its term in the site's language, and in the languages some articles are written in.
    var exact = Promise.all([queryWord.stem].concat(queryWord.otherStems || []).map(function (term) {
      return findTerm(meta, term).then(function (entry) { add(entry, 1); });
    }));
    var prefixed = queryWord.prefix ? prefixMatches(meta, queryWord.word, timed).then(function (entries) {
      entries.forEach(function (entry) { add(entry, PREFIX_WEIGHT); });
    }) : Promise.resolve();
    return Promise.all([exact, prefixed]).then(function () {
      if (matches.size > 0 || queryWord.word.length < MIN_TYPO_LENGTH || !/^[a-z]+$/.test(queryWord.word)) return;
      return typoMatches(meta, queryWord.word, timed).then(function (entries) {
        // Several words may be one edit away; the more common ones are the likelier meaning.
        var most = Math.max.apply(null, entries.map(function (e) { return e.documents; }).concat([1]));
        entries.forEach(function (entry) { add(entry, TYPO_WEIGHT * Math.sqrt(entry.documents / most)); });
      });
    }).then(function () { return Array.from(matches.values()); });
  }

  /** Terms that start with the prefix, or have a spelling that does; the most frequent first. */
  function prefixMatches(meta, prefix, timed) {
    var first = shardIndex(meta, prefix);
    if (first < 0) first = 0;
    var indexes = [first];
    var end = prefix + "\uffff";
    for (var i = first + 1; i < meta.shards.length && meta.shards[i] < end && indexes.length < 2; i++) indexes.push(i);
    return Promise.all(indexes.map(function (index) { return shardAt(meta, index); })).then(timed(function (loaded) {
      var found = [];
      loaded.forEach(function (shard) {
        shard.entries.forEach(function (entry) {
          if (entry.term.startsWith(prefix) ||
              (entry.tails && prefix.startsWith(entry.term.slice(0, 2)) &&
               spellingsOf(entry).some(function (s) { return s.startsWith(prefix); }))) {
            found.push(entry);
          }
        });
      });
      found.sort(function (a, b) { return b.documents - a.documents || (a.term < b.term ? -1 : 1); });
      return found.slice(0, MAX_PREFIX_EXPANSIONS);
    }));
  }

  /**
   * Terms one edit (deletion, insertion, substitution, swap of neighbours) away from the word.
   * Which lexicons to read: see Lexicons.swift. Every variant is stemmed and looked up.
   */
  function typoMatches(meta, word, timed) {
    var wanted = [];
    function want(kind, units) {
      if (units.length !== 2) return;
      var key = fileKey(units), file = (kind === "l" ? meta.lexiconFile : meta.skipLexiconFile).get(key);
      if (file && !wanted.some(function (w) { return w.file === file && w.key === key; })) wanted.push({ file: file, key: key });
    }
    want("l", word.slice(0, 2));
    want("x", word.slice(2, 4));
    want("x", word.slice(1, 3));
    want("x", word.slice(3, 5));
    want("x", word[1] + word[3]);
    return Promise.all(wanted.map(function (w) { return load(w.file); })).then(timed(function (files) {
      var known = new Set();
      files.forEach(function (lists, i) { lists[wanted[i].key].split(" ").forEach(function (term) { known.add(term); }); });
      var own = stem(word), candidates = [];
      edits(word).forEach(function (variant) {
        var s = stem(variant);
        if (s !== own && known.has(s) && candidates.indexOf(s) < 0) candidates.push(s);
      });
      candidates.sort();
      return Promise.all(candidates.slice(0, MAX_TYPO_CANDIDATES).map(function (term) { return findTerm(meta, term); }));
    })).then(function (entries) { return entries.filter(Boolean); });
  }

  function edits(word) {
    var out = [], letters = "abcdefghijklmnopqrstuvwxyz", i, c;
    for (i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
    for (i = 0; i + 1 < word.length; i++) out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    for (i = 0; i < word.length; i++) {
      for (c = 0; c < 26; c++) if (letters[c] !== word[i]) out.push(word.slice(0, i) + letters[c] + word.slice(i + 1));
    }
    for (i = 0; i <= word.length; i++) {
      for (c = 0; c < 26; c++) out.push(word.slice(0, i) + letters[c] + word.slice(i));
    }
    return out;
  }

  /**
   * Runs a query. options: {topic, tag, limit (articles), sectionsPerArticle}.
   * Resolves to {articles: [{url, href, title, topic, tags, titleParts, score, sections: [{href,
   * heading, headingParts, excerpt, score}]}], sections: total matching sections, more: whether
   * there are more articles, approximate: whether a capped postings list or a phrase makes
   * `sections` an estimate, elapsed: milliseconds of computation (excluding waiting for files)}.
   */
  function search(query, options) {
    options = options || {};
    var limit = options.limit || 10;
    var perArticle = options.sectionsPerArticle || 3;
    var elapsed = 0;
    function timed(fn) {
      return function (value) {
        var t0 = performance.now();
        try { return fn(value); } finally { elapsed += performance.now() - t0; }
      };
    }
    var meta, parsed;
    return manifest().then(function (m) {
      return synonymGroups(m).then(function (groups) { return [m, groups]; });
    }).then(timed(function (loaded) {
      meta = loaded[0];
      parsed = parseQuery(query, meta, loaded[1]);
      return Promise.all([
        Promise.all(parsed.words.map(function (w) { return resolveQueryWord(meta, w, timed); })),
        options.tag ? tagFilter(meta, options.tag) : null
      ]);
    })).then(timed(function (resolved) {
      return rank(meta, parsed, resolved[0], options.topic, resolved[1]);
    })).then(function (ranked) {
      return new Collection(meta, parsed, ranked, limit, perArticle, timed).run();
    }).then(function (result) {
      result.elapsed = elapsed;
      return result;
    });
  }
  HS.search = search;

  /* ------------------------------------------------------------------ */
  /* Ranking                                                             */
  /* ------------------------------------------------------------------ */

  /** Scores every matching section; returns {list: [{id, score}] best first, highlight, capped}. */
  function rank(meta, parsed, resolved, topicName, tagRanges) {
    var matched = matchedWords(meta, parsed, resolved);
    var required = phraseWords(parsed, resolved);
    var inScope = scope(meta, topicName, tagRanges);
    var list = [];
    matched.scores.forEach(function (s) {
      if (!inScope(s.id) || (s.words & required) !== required) return;
      // Coordination: sections matching more of the query's words rank higher, in proportion
      // and not squared: squared, a section with only the rarest word of a question lost to any
      // that shared its common words. A capped word's list is incomplete, so missing from it is
      // not held against a section.
      var coordination = matched.coordination(s.words | matched.cappedWords);
      list.push({ id: s.id, score: s.score * coordination, words: s.words });
    });
    list.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    return {
      list: list, highlight: matched.highlight, capped: matched.cappedCount > 0,
      coordination: matched.coordination, cappedWords: matched.cappedWords, termsOfWords: matched.termsOfWords
    };
  }

  /**
   * Sums each section's scores over the query's words: {scores: Map id -> {id, score, words (a
   * bit per word)}, coordination (words' bits -> their share of the query), cappedCount,
   * cappedWords, termsOfWords, highlight}.
   */
  function matchedWords(meta, parsed, resolved) {
    var scores = new Map(), cappedCount = 0, cappedWords = 0, countedWords = 0;
    var stems = new Set(), prefixes = [], termsOfWords = [], termsOfOptional = [];
    resolved.forEach(function (matches, wordIndex) {
      var word, terms = new Set();
      if (matches.alternatives) {
        word = bestOfAlternatives(meta, matches.alternatives);
        if (word.best.size === 0) return;
        matches.alternatives.forEach(function (alternative) {
          alternative.words.forEach(function (list) { list.forEach(function (match) { terms.add(match.entry.term); }); });
        });
      } else {
        if (matches.length === 0) return;
        matches.forEach(function (match) { terms.add(match.entry.term); });
        word = bestPerSection(meta, matches);
      }
      terms.forEach(function (term) { stems.add(term); });
      if (parsed.words[wordIndex].optional) {
        termsOfOptional.push(terms);
      } else {
        termsOfWords.push(terms);
        countedWords |= 1 << wordIndex;
      }
      if (parsed.words[wordIndex].prefix) prefixes.push(parsed.words[wordIndex].word);
      // A synonym group stands in for the words the reader typed for it.
      var bit = parsed.words[wordIndex].optional ? coverBits(parsed.words[wordIndex]) : 1 << wordIndex;
      if (word.capped && !parsed.words[wordIndex].optional) { cappedCount++; cappedWords |= bit; }
      word.best.forEach(function (value, id) {
        var score = scores.get(id);
        if (!score) scores.set(id, (score = { id: id, score: 0, words: 0 }));
        score.score += value;
        score.words |= bit;
      });
    });
    return {
      scores: scores, coordination: coordinationOf(countedWords), cappedCount: cappedCount, cappedWords: cappedWords,
      termsOfWords: termsOfWords.length ? termsOfWords : termsOfOptional,
      highlight: { stems: stems, prefixes: prefixes }
    };
  }

  /**
   * One query word's score in each section: the best of its terms there, dequantized impact
   * times idf times the term's weight. {best: Map id -> score, capped: whether a term's
   * postings list was cut at build time}.
   */
  function bestPerSection(meta, matches) {
    var best = new Map(), capped = false;
    matches.forEach(function (match) {
      var postings = postingsOf(match.entry);
      if (match.entry.documents > postings.ids.length) capped = true;
      var factor = inverseDocumentFrequency(match.entry.documents, meta.documents) * match.weight;
      for (var i = 0; i < postings.ids.length; i++) {
        var value = Math.expm1(postings.impacts[i] * meta.impactScale) * factor;
        var id = postings.ids[i];
        if (!(best.get(id) >= value)) best.set(id, value);
      }
    });
    return { best: best, capped: capped };
  }

  /**
   * A synonym group's score in each section: the best of its phrases there, a phrase scoring
   * the sum of its words' scores times its weight and the square of the share of its words the
   * section has. {best, capped} as bestPerSection.
   */
  function bestOfAlternatives(meta, alternatives) {
    var best = new Map(), capped = false;
    alternatives.forEach(function (alternative) {
      var sums = new Map(), counts = new Map(), n = alternative.words.length;
      alternative.words.forEach(function (matches) {
        if (matches.length === 0) return;
        var word = bestPerSection(meta, matches);
        if (word.capped) capped = true;
        word.best.forEach(function (value, id) {
          sums.set(id, (sums.get(id) || 0) + value);
          counts.set(id, (counts.get(id) || 0) + 1);
        });
      });
      sums.forEach(function (sum, id) {
        var share = counts.get(id) / n, value = sum * share * share * alternative.weight;
        if (!(best.get(id) >= value)) best.set(id, value);
      });
    });
    return { best: best, capped: capped };
  }

  /**
   * Coordination: (bits of the query words found) -> the share of the query's counted words
   * (`counted`, a bit each) among them; 1 when no word counts. Sections and articles matching
   * more of the question rank higher. The caller adds the capped words' bits: a capped list is
   * incomplete, and missing from it is not held against anyone.
   */
  function coordinationOf(counted) {
    var total = popcount(counted);
    return function (bits) { return total ? popcount(bits & counted) / total : 1; };
  }

  function popcount(n) {
    var count = 0;
    while (n) { n &= n - 1; count++; }
    return count;
  }

  function coverBits(word) {
    return word.covers.reduce(function (bits, index) { return bits | (1 << index); }, 0);
  }

  /** BM25's idf, always positive: rare words count for more than common ones. */
  function inverseDocumentFrequency(documents, total) {
    return Math.log(1 + (total - documents + 0.5) / (documents + 0.5));
  }

  /** Words required by phrases (a bit each): every phrase word with a complete postings list. */
  function phraseWords(parsed, resolved) {
    var required = 0;
    parsed.phrases.forEach(function (phrase) {
      parsed.words.forEach(function (w, index) {
        if (w.alternatives) return;
        if (phrase.indexOf(w.word) >= 0 && resolved[index].length > 0 &&
            resolved[index].every(function (m) { return m.entry.documents <= postingsOf(m.entry).ids.length; })) {
          required |= 1 << index;
        }
      });
    });
    return required;
  }

  /** Whether a section id is in the topic and has the tag asked for (when asked). */
  function scope(meta, topicName, tagRanges) {
    var topic = topicName ? meta.topics.filter(function (t) { return t[0] === topicName; })[0] : null;
    return function (id) {
      if (topicName && (!topic || id < topic[1] || id > topic[2])) return false;
      return !tagRanges || inRanges(tagRanges, id);
    };
  }

  /* ------------------------------------------------------------------ */
  /* Collecting the articles to show                                     */
  /* ------------------------------------------------------------------ */

  /**
   * Loads the doc-store groups of the best sections until `limit` articles are filled, in
   * rounds: each round fetches the groups of the next sections in rank order in parallel.
   * Phrases are verified here, on the section text.
   */
  function Collection(meta, parsed, ranked, limit, perArticle, timed) {
    this.meta = meta;
    this.parsed = parsed;
    this.ranked = ranked;
    this.list = ranked.list;
    this.limit = limit;
    this.perArticle = perArticle;
    this.timed = timed;
    this.articles = [];
    this.byUrl = new Map();
    this.loaded = Object.create(null); // group -> its doc-store data
    this.next = 0; // the next section of `list` to place
    this.groupLoads = 0;
    this.maxGroupLoads = limit + (parsed.phrases.length ? 24 : 8);
    this.isMatch = matcher(ranked.highlight);
    this.closeness = closenessOf(ranked.termsOfWords);
  }

  Collection.prototype.run = function () { return this.round(); };

  Collection.prototype.groupOf = function (id) { return Math.floor(id / this.meta.groupCapacity); };

  Collection.prototype.isLoaded = function (id) { return !!this.loaded[this.groupOf(id)]; };

  /** {article, section} as stored, for a section whose group is loaded (section may be undefined). */
  Collection.prototype.stored = function (id) {
    var group = this.groupOf(id), data = this.loaded[group];
    var section = data.sections[id - group * this.meta.groupCapacity];
    return { section: section, article: section ? data.articles[section[0]] : null };
  };

  Collection.prototype.round = function () {
    if (this.next >= this.list.length || this.articles.length >= this.limit) return this.finish();
    var self = this, list = this.list, wanted = [], seen = Object.create(null);
    var budget = Math.max(1, Math.min(this.limit - this.articles.length, this.maxGroupLoads - this.groupLoads));
    for (var i = this.next; i < list.length && wanted.length < budget && i < this.next + 400; i++) {
      var g = this.groupOf(list[i].id);
      if (!this.loaded[g] && !seen[g]) { seen[g] = true; wanted.push(g); }
    }
    this.groupLoads += wanted.length;
    return Promise.all(wanted.map(function (g) {
      return documentGroup(g).then(function (data) { self.loaded[g] = data; });
    })).then(this.timed(function () {
      while (self.next < list.length && self.articles.length < self.limit && self.isLoaded(list[self.next].id)) {
        self.place(list[self.next++]);
      }
      if (self.groupLoads >= self.maxGroupLoads && self.next < list.length && !self.isLoaded(list[self.next].id)) return self.finish();
      return self.round();
    }));
  };

  /** Adds a ranked section to its article, opening the article if there is room for one more. */
  Collection.prototype.place = function (item) {
    var stored = this.stored(item.id), section = stored.section, article = stored.article;
    if (!section) return;
    if (this.parsed.phrases.length && !phrasesMatch(this.parsed.phrases, [article[1], section[2] || "", section[3]])) return;
    var shown = this.byUrl.get(article[0]);
    if (!shown) {
      if (this.articles.length >= this.limit) return;
      shown = this.shownArticle(article);
      this.byUrl.set(shown.url, shown);
      this.articles.push(shown);
    }
    // Query words close together in the section, in its heading or its text, say that it is
    // about what the reader asked rather than mentioning its words in passing.
    // Reading a section's text costs time: only an article's best few are read.
    var closeness = popcount(item.words) < 2 || shown.scores.length >= PROXIMITY_SECTIONS ? 0 :
      Math.max(this.closeness(section[2] || ""), this.closeness(section[3]));
    var score = item.score * (1 + PROXIMITY_BONUS * closeness) *
      (1 + HEADING_BONUS * (section[2] ? shareOfQueryIn(section[2], this.ranked.termsOfWords) : 0)) *
      (1 + SUMMARY_BONUS * (section[1] === null ? shareOfQueryIn(summaryOf(section[3]), this.ranked.termsOfWords) : 0));
    shown.scores.push(shown.scores.length ? score * this.shareWeight(item.words) : score);
    shown.words |= item.words;
    if (shown.sections.length >= this.perArticle) return;
    shown.sections.push({
      href: link(shown.url, section[1]),
      heading: section[2],
      headingParts: section[2] ? highlightAll(section[2], this.isMatch) : null,
      excerpt: excerptParts(section[3], this.isMatch, 200),
      score: score
    });
  };

  /** How much a section that is not its article's first counts: see SECONDARY_SHARE_POWER. */
  Collection.prototype.shareWeight = function (words) {
    return Math.pow(popcount(words) / Math.max(1, this.ranked.termsOfWords.length), SECONDARY_SHARE_POWER);
  };

  /**
   * The article's summary, from its lead section's text: the first line (DocumentStore). The
   * one sentence that says what the article is about; a summary naming the query's words lifts
   * the lead section as a heading lifts its section.
   */
  function summaryOf(leadText) {
    var end = leadText.indexOf("\n");
    return end < 0 ? leadText : leadText.slice(0, end);
  }

  /** A result for a stored article: [url, title, topic, tags]. */
  Collection.prototype.shownArticle = function (article) {
    var meta = this.meta;
    return {
      url: article[0],
      href: link(article[0], null),
      title: article[1],
      titleParts: highlightAll(article[1], this.isMatch),
      topic: (meta.topics[article[2]] || [""])[0],
      tags: article[3].map(function (t) { return meta.tags[t]; }),
      sections: [],
      scores: [],
      words: 0
    };
  };

  Collection.prototype.finish = function () {
    var self = this;
    return this.loadContinuations().then(this.timed(function () { return self.summarize(); }));
  };

  /**
   * Loads the rest of each article shown that goes on in the next group (marked with a last 1
   * in its group: only an article larger than a group is cut), so that all its sections count.
   */
  Collection.prototype.loadContinuations = function () {
    var self = this, wanted = [];
    Object.keys(this.loaded).forEach(function (key) {
      var group = Number(key), articles = self.loaded[group].articles, last = articles[articles.length - 1];
      if (last && last[4] === 1 && self.byUrl.has(last[0]) && !self.loaded[group + 1]) wanted.push(group + 1);
    });
    if (!wanted.length) return Promise.resolve();
    return Promise.all(wanted.map(function (group) {
      return documentGroup(group).then(function (data) { self.loaded[group] = data; });
    })).then(function () { return self.loadContinuations(); });
  };

  Collection.prototype.summarize = function () {
    // More sections of the articles shown. Every group of theirs is here now, so how an article
    // adds up does not depend on where the groups are cut.
    for (var i = this.next; i < this.list.length && i < this.next + 2000; i++) {
      if (this.isLoaded(this.list[i].id)) this.place(this.list[i]);
    }
    var more = this.hasMore();
    // Order the articles by all their matching sections, not just the best one: an article
    // about the query usually matches in several places, a passing mention in one. The
    // sections count best first, the second half as much as the first, the third a third.
    // Then coordination again, over the whole article: one whose sections between them have
    // more of the question's words comes first. And a title that names the question's words
    // says what the article is about, in proportion to the share it names: "Prioritising and
    // saying no" answers "too many priorities" better than pages that say "many" too.
    var articles = this.articles, ranked = this.ranked, termsOfWords = ranked.termsOfWords;
    articles.forEach(function (article, index) {
      var coordination = ranked.coordination(article.words | ranked.cappedWords);
      var inTitle = shareOfQueryIn(article.title, termsOfWords);
      article.scores.sort(function (a, b) { return b - a; });
      article.score = article.scores.reduce(function (sum, score, i) { return sum + score / (i + 1); }, 0) *
        coordination * (1 + TITLE_BONUS * inTitle);
      article.rank = index;
      delete article.scores;
      delete article.words;
    });
    articles.sort(function (a, b) { return b.score - a.score || a.rank - b.rank; });
    return { articles: articles, sections: this.list.length, more: more, approximate: this.ranked.capped || this.parsed.phrases.length > 0 };
  };

  /** The share of the query's words (each a set of terms) that a short text (a title, heading or summary) has. */
  function shareOfQueryIn(text, termsOfWords) {
    if (!termsOfWords.length) return 0;
    var textTerms = new Set(tokenize(text).map(function (t) { return t.word ? stem(t.word) : ""; }));
    var found = termsOfWords.filter(function (terms) {
      for (var term of terms) if (textTerms.has(term)) return true;
      return false;
    });
    return found.length / termsOfWords.length;
  }

  /**
   * (text) -> how close together the query's words (each a set of terms) are in the text, 0...1:
   * the shortest stretch of words holding as many different query words as the text has, 1 for
   * all of them side by side, less as words come between them or query words are missing; 0
   * when the text has fewer than two of them. Stop words and other words between count. Runs on
   * every section shown, so each distinct spelling is read once per query.
   */
  function closenessOf(termsOfWords) {
    var wordOfTerm = new Map(), wordOfSpelling = new Map(), n = termsOfWords.length;
    termsOfWords.forEach(function (terms, index) { terms.forEach(function (term) { if (!wordOfTerm.has(term)) wordOfTerm.set(term, index); }); });
    // Query words with the same terms ("one-on-ones") are one word here.
    if (new Set(wordOfTerm.values()).size < 2) return function () { return 0; };
    function queryWordOf(word) {
      var index = word ? wordOfTerm.get(stem(word)) : undefined;
      return index === undefined ? -1 : index;
    }
    return function (text) {
      if (n < 2 || !text) return 0;
      var hits = [], position = 0, match;
      WORD_PATTERN.lastIndex = 0;
      while ((match = WORD_PATTERN.exec(text)) !== null) {
        var raw = match[0], words;
        if (NOT_LATIN_PATTERN.test(raw) && CJK_PATTERN.test(raw)) {
          words = [];
          pushPieces(words, raw, 0);
          words = words.map(function (t) { return queryWordOf(t.word); });
        } else {
          var known = wordOfSpelling.get(raw);
          if (known === undefined) wordOfSpelling.set(raw, (known = queryWordOf(normalizeWord(raw))));
          words = [known];
        }
        for (var k = 0; k < words.length; k++, position++) if (words[k] >= 0) hits.push({ position: position, word: words[k] });
      }
      var span = shortestCover(hits, n);
      return span ? (span.words - 1) / (n - 1) * (span.words - 1) / (span.length - 1) : 0;
    };
  }

  /**
   * The shortest run of hits ({position, word}, in text order) holding every query word the hits
   * have: {words: how many different ones, length: from first to last, in words}; null for fewer
   * than two different words.
   */
  function shortestCover(hits, n) {
    var inWindow = new Array(n).fill(0), present = new Set(hits.map(function (h) { return h.word; }));
    if (present.size < 2) return null;
    var best = null, covered = 0, first = 0;
    for (var last = 0; last < hits.length; last++) {
      if (inWindow[hits[last].word]++ === 0) covered++;
      while (covered === present.size) {
        var length = hits[last].position - hits[first].position + 1;
        if (!best || length < best.length) best = { words: present.size, length: length };
        if (--inWindow[hits[first].word] === 0) covered--;
        first++;
      }
    }
    return best;
  }

  /** Whether a section not yet placed may belong to an article not shown. */
  Collection.prototype.hasMore = function () {
    for (var j = this.next; j < this.list.length; j++) {
      if (!this.isLoaded(this.list[j].id)) return true;
      var stored = this.stored(this.list[j].id);
      if (stored.section && !this.byUrl.has(stored.article[0])) return true;
    }
    return false;
  };

  function link(url, anchor) {
    // Site-relative paths only: never let index content become a javascript: URL.
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.charAt(0) === "/") url = url.replace(/^[^/]*:|^\/+/, "");
    return siteRoot() + url + (anchor ? "#" + anchor : "");
  }

  /* ------------------------------------------------------------------ */
  /* Phrases, highlights and excerpts                                    */
  /* ------------------------------------------------------------------ */

  /** Whether each phrase occurs, as consecutive words, in one of the texts. */
  function phrasesMatch(phrases, texts) {
    var sequences = texts.map(function (text) {
      return tokenize(text).map(function (t) { return t.word ? stem(t.word) : ""; });
    });
    return phrases.every(function (phrase) {
      var wanted = phrase.map(stem);
      return sequences.some(function (words) {
        outer: for (var i = 0; i + wanted.length <= words.length; i++) {
          for (var k = 0; k < wanted.length; k++) if (words[i + k] !== wanted[k]) continue outer;
          return true;
        }
        return false;
      });
    });
  }

  function matcher(highlight) {
    return function (word) {
      if (!word) return false;
      if (highlight.stems.has(stem(word))) return true;
      for (var k = 0; k < otherLanguages.length; k++) if (highlight.stems.has(termIn(otherLanguages[k], word))) return true;
      for (var i = 0; i < highlight.prefixes.length; i++) if (word.startsWith(highlight.prefixes[i])) return true;
      return false;
    };
  }

  /** [{text, mark}] for a whole short text, marking matched words. */
  function highlightAll(text, isMatch) {
    var parts = [], at = 0;
    tokenize(text).forEach(function (t) {
      if (!isMatch(t.word) || t.end <= at) return;
      // CJK pairs overlap: a pair that starts inside the last mark extends it.
      var from = Math.max(at, t.start);
      if (from > at) parts.push({ text: text.slice(at, from), mark: false });
      parts.push({ text: text.slice(from, t.end), mark: true });
      at = t.end;
    });
    if (at < text.length) parts.push({ text: text.slice(at), mark: false });
    return parts;
  }

  /**
   * About maxChars of the text around the densest cluster of matched words, as [{text, mark}].
   * Falls back to the beginning when no word of the text matches (the title or a tag did).
   */
  function excerptParts(text, isMatch, maxChars) {
    var tokens = tokenize(text);
    var flags = tokens.map(function (t) { return isMatch(t.word); });
    var start = excerptStart(tokens, flags, maxChars);
    var end = Math.min(text.length, start + maxChars);
    if (end < text.length) {
      var cut = start;
      for (var t = 0; t < tokens.length; t++) if (tokens[t].start >= start && tokens[t].end <= end) cut = tokens[t].end;
      end = cut > start ? cut : end;
    }
    var parts = [];
    if (start > 0) parts.push({ text: "\u2026", mark: false });
    var at = start;
    for (var i = 0; i < tokens.length; i++) {
      var token = tokens[i];
      if (token.start < start || token.end > end || !flags[i] || token.end <= at) continue;
      var from = Math.max(at, token.start);
      if (from > at) parts.push({ text: text.slice(at, from), mark: false });
      parts.push({ text: text.slice(from, token.end), mark: true });
      at = token.end;
    }
    if (end > at) parts.push({ text: text.slice(at, end), mark: false });
    if (end < text.length) parts.push({ text: "\u2026", mark: false });
    return parts;
  }

  /** Where an excerpt starts: a little before the window with the most distinct matched words. */
  function excerptStart(tokens, flags, maxChars) {
    var best = -1, bestCount = 0;
    for (var s = 0; s < tokens.length; s++) {
      if (!flags[s]) continue;
      var distinct = new Set();
      for (var e = s; e < tokens.length && tokens[e].end - tokens[s].start <= maxChars * 0.75; e++) {
        if (flags[e]) distinct.add(stem(tokens[e].word));
      }
      if (distinct.size > bestCount) { best = s; bestCount = distinct.size; }
    }
    if (best <= 0) return 0;
    var back = best;
    while (back > 0 && tokens[best].start - tokens[back - 1].start < maxChars / 4) back--;
    return tokens[back].start;
  }
})();
