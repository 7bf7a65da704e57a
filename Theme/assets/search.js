/*
 * Handbook offline search.
 *
 * Loads the index that SearchIndexBuilder writes under search/ one small file at a time, by
 * injecting <script src> elements (fetch, XHR and modules are blocked on file://; classic
 * scripts are not). Each index file calls one of the registration functions below. The page
 * tells us where the site root is with <body data-root="../">.
 *
 * Two front ends share one engine:
 * - every form[data-handbook-search="box"] becomes an ARIA combobox with a dropdown of the
 *   best results ("/" focuses it, arrows move, Enter opens, Escape closes);
 * - [data-handbook-search="page"] (search.html) shows all results with topic and tag filters,
 *   and keeps the query in the URL (?q=…&topic=…&tag=…).
 *
 * Everything user-visible is built with createElement and textContent: index content never
 * reaches innerHTML. No eval, no inline handlers, no inline styles, so it runs under
 * Content-Security-Policy: script-src 'self'.
 *
 * The tokenizer (normalizeWord, WORD_PATTERN), the Porter stemmer and the file formats mirror
 * Sources/SearchIndex; change them together.
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
  HS.docs = function (group, articles, sections) {
    arrived["d-" + group + ".js"] = { articles: articles, sections: sections };
  };
  HS.lexicon = function (name, words) { arrived[name + ".js"] = words; };
  HS.filter = function (tag, ranges) { arrived["f-" + tag + ".js"] = ranges; };

  /** The names of the index files this page has asked for (for tests and measurements). */
  HS.loadedFiles = function () { return Object.keys(loading).sort(); };

  function siteRoot() {
    return (document.body && document.body.getAttribute("data-root")) || "";
  }

  function load(file) {
    if (!loading[file]) {
      loading[file] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = siteRoot() + "search/" + file;
        script.async = true;
        script.addEventListener("load", function () {
          script.remove();
          if (file in arrived) {
            resolve(arrived[file]);
          } else {
            delete loading[file];
            reject(new Error("search/" + file + " did not register"));
          }
        });
        script.addEventListener("error", function () {
          script.remove();
          delete loading[file];
          reject(new Error("Could not load search/" + file));
        });
        document.head.appendChild(script);
      });
    }
    return loading[file];
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

  var manifestPromise = null;
  function manifest() {
    if (!manifestPromise) {
      manifestPromise = load("meta.js").then(function (meta) {
        meta.stopSet = new Set(meta.stopWords ? meta.stopWords.split(" ") : []);
        meta.lexiconSet = new Set(meta.lexicons);
        meta.skipLexiconSet = new Set(meta.skipLexicons);
        return meta;
      }, function (error) {
        manifestPromise = null;
        throw error;
      });
    }
    return manifestPromise;
  }

  /* ------------------------------------------------------------------ */
  /* Tokenizing and stemming (mirrors Tokenizer.swift, PorterStemmer.swift) */
  /* ------------------------------------------------------------------ */

  var WORD_PATTERN = /[\p{L}\p{M}\p{N}]+(?:['\u2019][\p{L}\p{M}\p{N}]+)*/gu;

  function normalizeWord(raw) {
    var s = raw.toLowerCase().normalize("NFKD")
      .replace(/\u2019/g, "'")
      .replace(/[^\p{L}\p{N}']/gu, "")
      .replace(/\u03c2/g, "\u03c3");
    if (s.length >= 2 && s.slice(-2) === "'s") s = s.slice(0, -2);
    s = s.replace(/'/g, "");
    return s && s.length <= 64 ? s : null;
  }

  /** The words of a text with their offsets: [{start, end, word}] (word may be null). */
  function tokenize(text) {
    var tokens = [];
    WORD_PATTERN.lastIndex = 0;
    var match;
    while ((match = WORD_PATTERN.exec(text)) !== null) {
      tokens.push({ start: match.index, end: match.index + match[0].length, word: normalizeWord(match[0]) });
    }
    return tokens;
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
    var b = word.split("");
    var k = b.length - 1;
    var j = 0;

    function cons(i) {
      var c = b[i];
      if (c === "a" || c === "e" || c === "i" || c === "o" || c === "u") return false;
      if (c === "y") return i === 0 ? true : !cons(i - 1);
      return true;
    }
    function measure() {
      var n = 0, i = 0;
      for (;;) { if (i > j) return n; if (!cons(i)) break; i++; }
      i++;
      for (;;) {
        for (;;) { if (i > j) return n; if (cons(i)) break; i++; }
        i++;
        n++;
        for (;;) { if (i > j) return n; if (!cons(i)) break; i++; }
        i++;
      }
    }
    function vowelInStem() {
      for (var i = 0; i <= j; i++) if (!cons(i)) return true;
      return false;
    }
    function doubleConsonant(i) { return i >= 1 && b[i] === b[i - 1] && cons(i); }
    function cvc(i) {
      if (i < 2 || !cons(i) || cons(i - 1) || !cons(i - 2)) return false;
      var c = b[i];
      return c !== "w" && c !== "x" && c !== "y";
    }
    function ends(s) {
      var length = s.length;
      if (length > k + 1) return false;
      for (var x = 0; x < length; x++) if (b[k - length + 1 + x] !== s[x]) return false;
      j = k - length;
      return true;
    }
    function setTo(s) {
      for (var x = 0; x < s.length; x++) b[j + 1 + x] = s[x];
      k = j + s.length;
    }
    function firstRule(rules) {
      if (!rules) return;
      for (var x = 0; x < rules.length; x++) {
        if (ends(rules[x][0])) {
          if (measure() > 0) setTo(rules[x][1]);
          return;
        }
      }
    }

    // Step 1ab: plurals, -ed, -ing.
    if (b[k] === "s") {
      if (ends("sses")) k -= 2;
      else if (ends("ies")) setTo("i");
      else if (b[k - 1] !== "s") k--;
    }
    if (ends("eed")) {
      if (measure() > 0) k--;
    } else if ((ends("ed") || ends("ing")) && vowelInStem()) {
      k = j;
      if (ends("at")) setTo("ate");
      else if (ends("bl")) setTo("ble");
      else if (ends("iz")) setTo("ize");
      else if (doubleConsonant(k)) {
        k--;
        var last = b[k];
        if (last === "l" || last === "s" || last === "z") k++;
      } else if (measure() === 1 && cvc(k)) setTo("e");
    }
    if (k > 0) {
      // Step 1c.
      if (ends("y") && vowelInStem()) b[k] = "i";
      // Steps 2 and 3.
      firstRule(STEP2[b[k - 1]]);
      firstRule(STEP3[b[k]]);
      // Step 4.
      var suffixes = STEP4[b[k - 1]];
      if (suffixes) {
        var matched = false;
        for (var x = 0; x < suffixes.length; x++) {
          if (ends(suffixes[x])) {
            if (suffixes[x] === "ion" && !(j >= 0 && (b[j] === "s" || b[j] === "t"))) continue;
            matched = true;
            break;
          }
        }
        if (matched && measure() > 1) k = j;
      }
      // Step 5.
      j = k;
      if (b[k] === "e") {
        var m = measure();
        if (m > 1 || (m === 1 && !cvc(k - 1))) k--;
      }
      if (b[k] === "l" && doubleConsonant(k) && measure() > 1) k--;
    }
    return b.slice(0, k + 1).join("");
  }

  var stemCache = new Map();
  function stem(word) {
    var known = stemCache.get(word);
    if (known === undefined) {
      known = porterStem(word);
      if (stemCache.size > 50000) stemCache.clear();
      stemCache.set(word, known);
    }
    return known;
  }

  HS.stem = porterStem;
  HS.normalize = normalizeWord;

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

  var groups = Object.create(null);
  function documentGroup(group) {
    if (!groups[group]) {
      groups[group] = load("d-" + group + ".js").catch(function (error) { delete groups[group]; throw error; });
    }
    return groups[group];
  }

  /* ------------------------------------------------------------------ */
  /* Queries                                                             */
  /* ------------------------------------------------------------------ */

  var MAX_QUERY_WORDS = 12;
  var MAX_PREFIX_EXPANSIONS = 12;
  var MAX_TYPO_CANDIDATES = 6;
  var PREFIX_WEIGHT = 0.8;
  var TYPO_WEIGHT = 0.6;
  var MIN_TYPO_LENGTH = 5;

  /**
   * Splits a query into words and quoted phrases. The last word is a prefix (still being typed)
   * unless the query ends with a space or a quote. Stop words are dropped unless the query has
   * nothing else.
   */
  function parseQuery(query, meta) {
    var segments = [], inQuote = false, start = 0;
    for (var i = 0; i <= query.length; i++) {
      var c = query[i];
      if (i === query.length || c === '"' || c === "\u201c" || c === "\u201d") {
        if (i > start) segments.push({ text: query.slice(start, i), offset: start, quoted: inQuote });
        inQuote = !inQuote;
        start = i + 1;
      }
    }
    var all = [], phrases = [];
    segments.forEach(function (segment) {
      var tokens = tokenize(segment.text).filter(function (t) { return t.word; });
      tokens.forEach(function (t) {
        all.push({ word: t.word, end: segment.offset + t.end, quoted: segment.quoted });
      });
      if (segment.quoted && tokens.length > 1) phrases.push(tokens.map(function (t) { return t.word; }));
    });
    var onlyStopWords = all.every(function (t) { return meta.stopSet.has(t.word); });
    var words = [], seen = new Set();
    all.forEach(function (t, index) {
      if (!onlyStopWords && meta.stopSet.has(t.word)) return;
      var prefix = index === all.length - 1 && !t.quoted && t.end === query.length && t.word.length >= 2;
      var key = t.word + (prefix ? "*" : "");
      if (seen.has(key) || words.length >= MAX_QUERY_WORDS) return;
      seen.add(key);
      words.push({ word: t.word, stem: stem(t.word), prefix: prefix });
    });
    return { words: words, phrases: phrases };
  }

  /** Terms for one query word: [{entry, weight}], by exact stem, prefix, or one typo. */
  function resolveWord(meta, queryWord, timed) {
    var matches = new Map();
    function add(entry, weight) {
      if (!entry) return;
      var known = matches.get(entry.term);
      if (!known || known.weight < weight) matches.set(entry.term, { entry: entry, weight: weight });
    }
    var exact = findTerm(meta, queryWord.stem).then(function (entry) { add(entry, 1); });
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
    var files = [];
    function want(kind, units) {
      if (units.length !== 2) return;
      var key = fileKey(units);
      var set = kind === "l" ? meta.lexiconSet : meta.skipLexiconSet;
      if (set.has(key) && files.indexOf(kind + "-" + key + ".js") < 0) files.push(kind + "-" + key + ".js");
    }
    want("l", word.slice(0, 2));
    want("x", word.slice(2, 4));
    want("x", word.slice(1, 3));
    want("x", word.slice(3, 5));
    want("x", word[1] + word[3]);
    return Promise.all(files.map(load)).then(timed(function (lists) {
      var known = new Set();
      lists.forEach(function (list) { list.split(" ").forEach(function (term) { known.add(term); }); });
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

  function tagFilter(meta, tagName) {
    var index = meta.tags.indexOf(tagName);
    if (index < 0) return Promise.resolve([]); // an unknown tag matches nothing
    return load("f-" + index + ".js").then(function (text) {
      var values = decodeVarints(text), ranges = [], end = 0;
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

  /**
   * Runs a query. options: {topic, tag, limit (articles), sectionsPerArticle}.
   * Resolves to {articles: [{url, title, topic, tags, titleParts, sections: [{href, heading,
   * headingParts, excerpt}]}], sections: total matching sections, more: whether there are more
   * articles, approximate: whether a capped postings list or a phrase makes `sections` an
   * estimate, elapsed: milliseconds of computation (excluding waiting for files)}.
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
    return manifest().then(timed(function (m) {
      meta = m;
      parsed = parseQuery(query, meta);
      return Promise.all([
        Promise.all(parsed.words.map(function (w) { return resolveWord(meta, w, timed); })),
        options.tag ? tagFilter(meta, options.tag) : null
      ]);
    })).then(timed(function (resolved) {
      var ranked = rank(meta, parsed, resolved[0], options.topic, resolved[1]);
      return ranked;
    })).then(function (ranked) {
      return collect(meta, parsed, ranked, limit, perArticle, timed);
    }).then(function (result) {
      result.elapsed = elapsed;
      return result;
    });
  }
  HS.search = search;

  /** Scores every matching section; returns {list: [{id, score}] best first, highlight}. */
  function rank(meta, parsed, resolved, topicName, tagRanges) {
    var scores = new Map();
    var counted = 0, cappedWords = [];
    var stems = new Set(), prefixes = [];
    resolved.forEach(function (matches, wordIndex) {
      if (matches.length === 0) return;
      counted++;
      var best = new Map(), capped = false;
      matches.forEach(function (match) {
        stems.add(match.entry.term);
        var postings = postingsOf(match.entry);
        if (match.entry.documents > postings.ids.length) capped = true;
        var factor = inverseDocumentFrequency(match.entry.documents, meta.documents) * match.weight;
        for (var i = 0; i < postings.ids.length; i++) {
          var value = Math.expm1(postings.impacts[i] * meta.impactScale) * factor;
          var id = postings.ids[i];
          if (!(best.get(id) >= value)) best.set(id, value);
        }
      });
      if (parsed.words[wordIndex].prefix) prefixes.push(parsed.words[wordIndex].word);
      cappedWords.push(capped);
      var bit = 1 << wordIndex;
      best.forEach(function (value, id) {
        var score = scores.get(id);
        if (!score) scores.set(id, (score = { id: id, score: 0, words: 0, cappedMatched: 0 }));
        score.score += value;
        score.words |= bit;
        if (capped) score.cappedMatched++;
      });
    });
    var cappedCount = cappedWords.filter(Boolean).length;
    var topic = topicName ? meta.topics.filter(function (t) { return t[0] === topicName; })[0] : null;
    // Words required by phrases: every phrase word that has matches and a complete postings list.
    var required = 0;
    parsed.phrases.forEach(function (phrase) {
      parsed.words.forEach(function (w, index) {
        if (phrase.indexOf(w.word) >= 0 && resolved[index].length > 0 &&
            resolved[index].every(function (m) { return m.entry.documents <= postingsOf(m.entry).ids.length; })) {
          required |= 1 << index;
        }
      });
    });
    var list = [];
    scores.forEach(function (s) {
      if (topicName && (!topic || s.id < topic[1] || s.id > topic[2])) return;
      if (tagRanges && !inRanges(tagRanges, s.id)) return;
      if ((s.words & required) !== required) return;
      // Coordination: sections matching more of the query's words rank higher. A capped word's
      // list is incomplete, so missing from it is not held against a section.
      var matched = popcount(s.words) + (cappedCount - s.cappedMatched);
      var coordination = counted ? matched / counted : 1;
      list.push({ id: s.id, score: s.score * coordination * coordination });
    });
    list.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    return {
      list: list,
      highlight: { stems: stems, prefixes: prefixes },
      capped: cappedCount > 0
    };
  }

  /** BM25's idf, as Ranking.inverseDocumentFrequency. */
  function inverseDocumentFrequency(documents, total) {
    return Math.log(1 + (total - documents + 0.5) / (documents + 0.5));
  }

  function popcount(n) {
    var count = 0;
    while (n) { n &= n - 1; count++; }
    return count;
  }

  /**
   * Loads the doc-store groups of the best sections until `limit` articles are filled, in
   * rounds: each round fetches the groups of the next sections in rank order in parallel.
   * Phrases are verified here, on the section text.
   */
  function collect(meta, parsed, ranked, limit, perArticle, timed) {
    var list = ranked.list, articles = [], byUrl = new Map(), loaded = Object.create(null);
    var capacity = meta.groupCapacity, next = 0, groupLoads = 0;
    var maxGroupLoads = limit + (parsed.phrases.length ? 24 : 8);
    var isMatch = matcher(ranked.highlight);

    function groupOf(id) { return Math.floor(id / capacity); }

    function place(item) {
      var data = loaded[groupOf(item.id)];
      var section = data.sections[item.id - groupOf(item.id) * capacity];
      if (!section) return;
      var article = data.articles[section[0]];
      if (parsed.phrases.length && !phrasesMatch(parsed.phrases, [article[1], section[2] || "", section[3]])) return;
      var url = article[0];
      var shown = byUrl.get(url);
      if (!shown) {
        if (articles.length >= limit) return;
        shown = {
          url: url,
          href: link(url, null),
          title: article[1],
          titleParts: highlightAll(article[1], isMatch),
          topic: (meta.topics[article[2]] || [""])[0],
          tags: article[3].map(function (t) { return meta.tags[t]; }),
          sections: [],
          scores: []
        };
        byUrl.set(url, shown);
        articles.push(shown);
      }
      shown.scores.push(item.score);
      if (shown.sections.length >= perArticle) return;
      shown.sections.push({
        href: link(url, section[1]),
        heading: section[2],
        headingParts: section[2] ? highlightAll(section[2], isMatch) : null,
        excerpt: excerptParts(section[3], isMatch, 200)
      });
    }

    function round() {
      if (next >= list.length || articles.length >= limit) return finish();
      var wanted = [], seen = Object.create(null);
      var budget = Math.max(1, Math.min(limit - articles.length, maxGroupLoads - groupLoads));
      for (var i = next; i < list.length && wanted.length < budget && i < next + 400; i++) {
        var g = groupOf(list[i].id);
        if (!loaded[g] && !seen[g]) { seen[g] = true; wanted.push(g); }
      }
      groupLoads += wanted.length;
      return Promise.all(wanted.map(function (g) {
        return documentGroup(g).then(function (data) { loaded[g] = data; });
      })).then(timed(function () {
        while (next < list.length && articles.length < limit && loaded[groupOf(list[next].id)]) place(list[next++]);
        if (groupLoads >= maxGroupLoads && next < list.length && !loaded[groupOf(list[next].id)]) return finish();
        return round();
      }));
    }

    function finish() {
      // More sections of the articles shown, from groups already here.
      for (var i = next; i < list.length && i < next + 2000; i++) {
        if (loaded[groupOf(list[i].id)]) place(list[i]);
      }
      var more = false;
      for (var j = next; j < list.length; j++) {
        if (!loaded[groupOf(list[j].id)]) { more = true; break; }
        var data = loaded[groupOf(list[j].id)];
        var section = data.sections[list[j].id - groupOf(list[j].id) * capacity];
        if (section && !byUrl.has(data.articles[section[0]][0])) { more = true; break; }
      }
      // Order the articles by all their matching sections, not just the best one: an article
      // about the query usually matches in several places, a passing mention in one. Each
      // further section counts half as much as the one before.
      articles.forEach(function (article, index) {
        article.score = article.scores.reduce(function (sum, score, i) { return sum + score / Math.pow(2, i); }, 0);
        article.rank = index;
        delete article.scores;
      });
      articles.sort(function (a, b) { return b.score - a.score || a.rank - b.rank; });
      return { articles: articles, sections: list.length, more: more, approximate: ranked.capped || parsed.phrases.length > 0 };
    }

    return round();
  }

  function link(url, anchor) {
    // Site-relative paths only: never let index content become a javascript: URL.
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.charAt(0) === "/") url = url.replace(/^[^/]*:|^\/+/, "");
    return siteRoot() + url + (anchor ? "#" + anchor : "");
  }

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
      for (var i = 0; i < highlight.prefixes.length; i++) if (word.startsWith(highlight.prefixes[i])) return true;
      return false;
    };
  }

  /** [{text, mark}] for a whole short text, marking matched words. */
  function highlightAll(text, isMatch) {
    var parts = [], at = 0;
    tokenize(text).forEach(function (t) {
      if (!isMatch(t.word)) return;
      if (t.start > at) parts.push({ text: text.slice(at, t.start), mark: false });
      parts.push({ text: text.slice(t.start, t.end), mark: true });
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
    var best = -1, bestCount = 0;
    for (var s = 0; s < tokens.length; s++) {
      if (!flags[s]) continue;
      var distinct = new Set();
      for (var e = s; e < tokens.length && tokens[e].end - tokens[s].start <= maxChars * 0.75; e++) {
        if (flags[e]) distinct.add(stem(tokens[e].word));
      }
      if (distinct.size > bestCount) { best = s; bestCount = distinct.size; }
    }
    var start = 0;
    if (best > 0) {
      var back = best;
      while (back > 0 && tokens[best].start - tokens[back - 1].start < maxChars / 4) back--;
      start = tokens[back].start;
    }
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
      if (token.start < start || token.end > end || !flags[i]) continue;
      if (token.start > at) parts.push({ text: text.slice(at, token.start), mark: false });
      parts.push({ text: text.slice(token.start, token.end), mark: true });
      at = token.end;
    }
    if (end > at) parts.push({ text: text.slice(at, end), mark: false });
    if (end < text.length) parts.push({ text: "\u2026", mark: false });
    return parts;
  }

  /* ------------------------------------------------------------------ */
  /* Rendering helpers: text only, never HTML                            */
  /* ------------------------------------------------------------------ */

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function appendParts(parent, parts) {
    parts.forEach(function (part) {
      parent.appendChild(part.mark ? element("mark", null, part.text) : document.createTextNode(part.text));
    });
    return parent;
  }

  function resultCountText(result, query) {
    var n = result.articles.length;
    if (n === 0) return "No results for \u201c" + query + "\u201d";
    return (result.more ? "Top " + n + " articles" : n + (n === 1 ? " article" : " articles")) +
      " for \u201c" + query + "\u201d";
  }

  /* ------------------------------------------------------------------ */
  /* Header search box: ARIA combobox with a listbox popup               */
  /* ------------------------------------------------------------------ */

  var boxCount = 0;

  function SearchBox(form) {
    var input = form.querySelector('input[name="q"]');
    if (!input) return null;
    var number = boxCount++;
    var listbox = form.querySelector('[role="listbox"]');
    if (!listbox) {
      listbox = element("div", "hs-popup");
      listbox.setAttribute("role", "listbox");
      listbox.hidden = true;
      form.appendChild(listbox);
    }
    if (!listbox.id) listbox.id = "hs-listbox-" + number;
    listbox.setAttribute("aria-label", "Search results");
    var status = form.querySelector('[role="status"]');
    if (!status) {
      status = element("div", "hs-visually-hidden");
      status.setAttribute("role", "status");
      form.appendChild(status);
    }
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("autocomplete", "off");

    var options = [], active = -1, sequence = 0, lastQuery = null;

    function setExpanded(open) {
      listbox.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      form.classList.toggle("hs-open", open);
      if (!open) setActive(-1);
    }

    function setActive(index) {
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "false");
        options[active].classList.remove("hs-active");
      }
      active = index;
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "true");
        options[active].classList.add("hs-active");
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function option(href, className) {
      var node = element("div", "hs-option" + (className ? " " + className : ""));
      node.id = listbox.id + "-option-" + options.length;
      node.setAttribute("role", "option");
      node.setAttribute("aria-selected", "false");
      node.setAttribute("data-href", href);
      options.push(node);
      return node;
    }

    function render(result, query) {
      while (listbox.firstChild) listbox.removeChild(listbox.firstChild);
      options = [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
      result.articles.forEach(function (article) {
        var group = element("div", "hs-group");
        group.setAttribute("role", "group");
        group.setAttribute("aria-label", article.title + " (" + article.topic + ")");
        var head = element("div", "hs-group-head");
        head.setAttribute("aria-hidden", "true");
        head.appendChild(appendParts(element("span", "hs-group-title"), article.titleParts));
        head.appendChild(element("span", "hs-topic", article.topic));
        group.appendChild(head);
        article.sections.forEach(function (section) {
          var node = option(section.href);
          // The lead section has no heading; the group already shows the article title.
          if (section.headingParts) node.appendChild(appendParts(element("span", "hs-option-heading"), section.headingParts));
          node.appendChild(appendParts(element("span", "hs-excerpt"), section.excerpt));
          group.appendChild(node);
        });
        listbox.appendChild(group);
      });
      var all = option(siteRoot() + "search.html?q=" + encodeURIComponent(query), "hs-option-all");
      all.textContent = result.articles.length ? "See all results for \u201c" + query + "\u201d" : "No results \u2014 open the search page";
      listbox.appendChild(all);
      status.textContent = resultCountText(result, query);
      setExpanded(true);
    }

    function update() {
      var query = input.value;
      if (query === lastQuery) return;
      lastQuery = query;
      var mine = ++sequence;
      if (!query.trim()) {
        setExpanded(false);
        status.textContent = "";
        return;
      }
      search(query, { limit: 6, sectionsPerArticle: 2 }).then(function (result) {
        if (mine !== sequence || document.activeElement !== input) return;
        render(result, query.trim());
      }, function (error) {
        if (mine !== sequence) return;
        status.textContent = "Search is unavailable: " + error.message;
      });
    }

    function go(node) {
      var href = node && node.getAttribute("data-href");
      if (href) window.location.href = href;
    }

    // Wait for a pause in typing (a few frames) before searching: every search may load
    // doc-store files, and results for half-typed words nobody reads are wasted bytes.
    var pending = 0;
    input.addEventListener("input", function () {
      clearTimeout(pending);
      pending = setTimeout(update, 60);
    });
    input.addEventListener("focus", function () {
      manifest().catch(function () {});
      if (options.length && input.value.trim() && input.value === lastQuery) setExpanded(true);
      else update();
    });
    input.addEventListener("keydown", function (event) {
      var open = !listbox.hidden;
      switch (event.key) {
        case "ArrowDown":
        case "ArrowUp":
          event.preventDefault();
          if (!open) {
            if (options.length) setExpanded(true);
            return;
          }
          if (!options.length) return;
          var step = event.key === "ArrowDown" ? 1 : -1;
          setActive(active < 0 ? (step > 0 ? 0 : options.length - 1) : (active + step + options.length) % options.length);
          break;
        case "Enter":
          if (open && active >= 0) {
            event.preventDefault();
            go(options[active]);
          }
          break;
        case "Escape":
          if (open) {
            event.preventDefault();
            setExpanded(false);
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            update();
          }
          break;
        case "Tab":
          setExpanded(false);
          break;
      }
    });
    form.addEventListener("focusout", function (event) {
      if (!form.contains(event.relatedTarget)) setExpanded(false);
    });
    // Keep focus in the input while clicking an option, then follow it.
    listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    listbox.addEventListener("click", function (event) {
      go(event.target.closest ? event.target.closest('[role="option"]') : null);
    });
    setExpanded(false);
    return { input: input };
  }

  /* ------------------------------------------------------------------ */
  /* Search page                                                         */
  /* ------------------------------------------------------------------ */

  function SearchPage(root) {
    var input = root.querySelector('input[name="q"]');
    var form = input && input.form;
    var topicSelect = root.querySelector('select[name="topic"]');
    var tagSelect = root.querySelector('select[name="tag"]');
    var filters = root.querySelector(".hs-filters");
    var status = root.querySelector('[role="status"]');
    var results = root.querySelector(".hs-results");
    var more = root.querySelector(".hs-more");
    if (!input || !results) return null;

    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    var wantedTopic = params.get("topic") || "";
    var wantedTag = params.get("tag") || "";
    var limit = 10, sequence = 0;

    // Fill the filters first: the first search must see the topic and tag from the URL.
    manifest().then(function (meta) {
      fillSelect(topicSelect, meta.topics.map(function (t) { return t[0]; }), wantedTopic);
      fillSelect(tagSelect, meta.tags, wantedTag);
      if (filters) filters.hidden = false;
      root.setAttribute("data-ready", "");
      if (input.value.trim()) run();
    }).catch(function (error) {
      if (status) status.textContent = "Search is unavailable: " + error.message;
    });

    function fillSelect(select, names, selected) {
      if (!select) return;
      names.forEach(function (name) {
        var node = element("option", null, name);
        node.value = name;
        if (name === selected) node.selected = true;
        select.appendChild(node);
      });
    }

    function current() {
      return {
        q: input.value,
        topic: topicSelect ? topicSelect.value : wantedTopic,
        tag: tagSelect ? tagSelect.value : wantedTag
      };
    }

    function updateUrl(state) {
      var query = new URLSearchParams();
      if (state.q) query.set("q", state.q);
      if (state.topic) query.set("topic", state.topic);
      if (state.tag) query.set("tag", state.tag);
      var search = query.toString();
      try {
        history.replaceState(null, "", search ? "?" + search : window.location.pathname);
      } catch (error) {
        // Some browsers refuse history changes on file:// pages; the search still works.
      }
    }

    function run() {
      var state = current();
      updateUrl(state);
      var mine = ++sequence;
      if (!state.q.trim()) {
        clear(results);
        if (status) status.textContent = "";
        if (more) more.hidden = true;
        return;
      }
      search(state.q, { topic: state.topic || undefined, tag: state.tag || undefined, limit: limit, sectionsPerArticle: 3 })
        .then(function (result) {
          if (mine !== sequence) return;
          render(result, state.q.trim());
        }, function (error) {
          if (mine === sequence && status) status.textContent = "Search is unavailable: " + error.message;
        });
    }

    function clear(node) {
      while (node.firstChild) node.removeChild(node.firstChild);
    }

    function render(result, query) {
      clear(results);
      result.articles.forEach(function (article) {
        var item = element("li", "hs-result");
        var title = element("h2", "hs-result-title");
        var titleLink = element("a");
        titleLink.href = article.href;
        title.appendChild(appendParts(titleLink, article.titleParts));
        item.appendChild(title);
        var metaLine = element("p", "hs-result-meta");
        metaLine.appendChild(element("span", "hs-topic", article.topic));
        article.tags.forEach(function (tag) { metaLine.appendChild(element("span", "hs-tag", tag)); });
        item.appendChild(metaLine);
        var sections = element("ul", "hs-sections");
        article.sections.forEach(function (section) {
          var sectionItem = element("li", "hs-section");
          var sectionLink = element("a", "hs-section-link");
          sectionLink.href = section.href;
          if (section.headingParts) appendParts(sectionLink, section.headingParts);
          else sectionLink.textContent = "Introduction";
          sectionItem.appendChild(sectionLink);
          sectionItem.appendChild(appendParts(element("p", "hs-excerpt"), section.excerpt));
          sections.appendChild(sectionItem);
        });
        item.appendChild(sections);
        results.appendChild(item);
      });
      if (status) status.textContent = resultCountText(result, query);
      if (more) more.hidden = !result.more;
    }

    input.addEventListener("input", function () { limit = 10; run(); });
    if (topicSelect) topicSelect.addEventListener("change", function () { limit = 10; run(); });
    if (tagSelect) tagSelect.addEventListener("change", function () { limit = 10; run(); });
    if (form) form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    if (more) more.addEventListener("click", function () { limit += 10; run(); });

    // Arrow keys walk from the input through the result links and back.
    root.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      var target = event.target;
      if (target !== input && !results.contains(target)) return;
      var stops = [input].concat(Array.prototype.slice.call(results.querySelectorAll("a")));
      var index = stops.indexOf(target);
      if (index < 0) return;
      var next = index + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0 || next >= stops.length) return;
      event.preventDefault();
      stops[next].focus();
    });

    return { input: input };
  }

  /* ------------------------------------------------------------------ */
  /* Start                                                               */
  /* ------------------------------------------------------------------ */

  function start() {
    var boxes = Array.prototype.map.call(document.querySelectorAll('form[data-handbook-search="box"]'), SearchBox).filter(Boolean);
    var pages = Array.prototype.map.call(document.querySelectorAll('[data-handbook-search="page"]'), SearchPage).filter(Boolean);
    var focusTarget = (pages[0] || boxes[0] || {}).input;
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || !focusTarget) return;
      var target = event.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      event.preventDefault();
      focusTarget.focus();
      focusTarget.select();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
