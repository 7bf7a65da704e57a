/*
 * Handbook offline search: the Snowball stemmers of German, French and Spanish. search-engine.js
 * loads this file only for a site, or articles, in one of those languages: the manifest
 * (search/meta.js) names it then, so an English site never downloads it.
 *
 * Each mirrors its Swift twin in Sources/SearchIndex (GermanStemmer.swift, FrenchStemmer.swift,
 * SpanishStemmer.swift) step for step; change them together. The shared vectors of
 * Tests/SearchIndexTests/Fixtures (snowball-*-sample.txt) check both sides.
 */
(function () {
  "use strict";

  var HS = (window.HandbookSearch = window.HandbookSearch || {});

  /* ------------------------------------------------------------------ */
  /* German (mirrors GermanStemmer.swift: Snowball's german.sbl)        */
  /* ------------------------------------------------------------------ */

  function isGermanVowel(c) { return "aeiouy\u00e4\u00f6\u00fc".indexOf(c) >= 0; }

  /** Snowball's `gopast v gopast non-v` from start: the position after it, or -1. */
  function afterVowelThenConsonant(s, start, isVowel) {
    var i = start;
    while (i < s.length && !isVowel(s[i])) i++;
    if (i >= s.length) return -1;
    i++;
    while (i < s.length && isVowel(s[i])) i++;
    return i < s.length ? i + 1 : -1;
  }

  function endsWith(s, suffix, end) {
    if (end === undefined) end = s.length;
    if (suffix.length > end) return false;
    for (var i = 0; i < suffix.length; i++) if (s[end - suffix.length + i] !== suffix[i]) return false;
    return true;
  }

  function longestSuffix(s, suffixes) {
    var best = null;
    suffixes.forEach(function (suffix) {
      if (endsWith(s, suffix) && (best === null || suffix.length > best.length)) best = suffix;
    });
    return best;
  }

  function germanStem(word) {
    var s = Array.from(word), i;
    if (!s.length) return word;
    for (i = 0; i + 2 < s.length; i++) {
      if (isGermanVowel(s[i]) && isGermanVowel(s[i + 2])) {
        if (s[i + 1] === "u") s[i + 1] = "U"; else if (s[i + 1] === "y") s[i + 1] = "Y";
      }
    }
    var out = [];
    for (i = 0; i < s.length;) {
      var c = s[i], next = s[i + 1];
      if (c === "\u00df") { out.push("s", "s"); i++; }
      else if (next === "e" && (c === "a" || c === "o" || c === "u")) { out.push(c === "a" ? "\u00e4" : c === "o" ? "\u00f6" : "\u00fc"); i += 2; }
      else if (c === "q" && next === "u") { out.push("q", "u"); i += 2; }
      else { out.push(c); i++; }
    }
    s = out;
    var p1 = s.length, p2 = s.length;
    if (s.length >= 3) {
      var first = afterVowelThenConsonant(s, 0, isGermanVowel);
      if (first >= 0) {
        p1 = Math.max(first, 3);
        var second = afterVowelThenConsonant(s, first, isGermanVowel);
        if (second >= 0) p2 = second;
      }
    }
    var suffix = longestSuffix(s, ["em", "ern", "er", "erin", "erinnen", "e", "en", "es", "s", "ln", "lns"]), start;
    if (suffix !== null && (start = s.length - suffix.length) >= p1) {
      if (suffix === "em") { if (!endsWith(s, "syst", start)) s.length = start; }
      else if (suffix === "e" || suffix === "en" || suffix === "es") { s.length = start; if (endsWith(s, "niss")) s.length--; }
      else if (suffix === "s") { if (start > 0 && "bdfghklmnrt".indexOf(s[start - 1]) >= 0) s.length = start; }
      else if (suffix === "ln" || suffix === "lns") { s.length = start; s.push("l"); }
      else s.length = start;
    }
    suffix = longestSuffix(s, ["en", "er", "est", "st", "et"]);
    if (suffix !== null && (start = s.length - suffix.length) >= p1) {
      if (suffix === "st") { if (start >= 4 && "bdfghklmnt".indexOf(s[start - 1]) >= 0) s.length = start; }
      else if (suffix === "et") {
        if (start > 0 && "dfgklmnrstUz\u00e4".indexOf(s[start - 1]) >= 0 &&
            !["geordn", "intern", "plan", "tick", "tr"].some(function (x) { return endsWith(s, x, start); })) s.length = start;
      } else s.length = start;
    }
    suffix = longestSuffix(s, ["end", "ung", "ig", "ik", "isch", "lich", "heit", "keit"]);
    if (suffix !== null && (start = s.length - suffix.length) >= p2) {
      if (suffix === "end" || suffix === "ung") {
        s.length = start;
        if (endsWith(s, "ig") && s.length - 2 >= p2 && !endsWith(s, "e", s.length - 2)) s.length -= 2;
      } else if (suffix === "ig" || suffix === "ik" || suffix === "isch") {
        if (!endsWith(s, "e", start)) s.length = start;
      } else if (suffix === "lich" || suffix === "heit") {
        s.length = start;
        if ((endsWith(s, "er") || endsWith(s, "en")) && s.length - 2 >= p1) s.length -= 2;
      } else {
        s.length = start;
        var inner = longestSuffix(s, ["lich", "ig"]);
        if (inner !== null && s.length - inner.length >= p2) s.length -= inner.length;
      }
    }
    return s.join("").replace(/[YU\u00e4\u00f6\u00fc]/g, function (c) {
      return { Y: "y", U: "u", "\u00e4": "a", "\u00f6": "o", "\u00fc": "u" }[c];
    });
  }


  /* ------------------------------------------------------------------ */
  /* Spanish (mirrors SpanishStemmer.swift: Snowball's spanish.sbl)     */
  /* ------------------------------------------------------------------ */

  function isSpanishVowel(c) { return "aeiou\u00e1\u00e9\u00ed\u00f3\u00fa\u00fc".indexOf(c) >= 0; }

  /** The longest of the suffixes the word ends with that starts at or after `from`. */
  function longestSuffixFrom(s, suffixes, from) {
    var best = null;
    suffixes.forEach(function (suffix) {
      if (s.length - suffix.length >= from && endsWith(s, suffix) && (best === null || suffix.length > best.length)) best = suffix;
    });
    return best;
  }

  /** Snowball's RV for Spanish: see rvStart in SpanishStemmer.swift. */
  function spanishRV(s) {
    var n = s.length, v = isSpanishVowel, i;
    if (n < 2) return n;
    if (v(s[0]) && !v(s[1])) {
      for (i = 2; i < n; i++) if (v(s[i])) return i + 1;
      return n;
    }
    if (v(s[0]) && v(s[1])) {
      for (i = 2; i < n; i++) if (!v(s[i])) return i + 1;
      return n;
    }
    if (!v(s[1])) {
      for (i = 2; i < n; i++) if (v(s[i])) return i + 1;
      return n;
    }
    return n >= 3 ? 3 : n;
  }

  var SPANISH_STANDARD = {
    anza: 1, anzas: 1, ico: 1, ica: 1, icos: 1, icas: 1, ismo: 1, ismos: 1, able: 1, ables: 1, ible: 1, ibles: 1,
    ista: 1, istas: 1, oso: 1, osa: 1, osos: 1, osas: 1, amiento: 1, amientos: 1, imiento: 1, imientos: 1,
    adora: 2, ador: 2, "aci\u00f3n": 2, adoras: 2, adores: 2, aciones: 2, ante: 2, antes: 2, ancia: 2, ancias: 2, acion: 2,
    "log\u00eda": 3, "log\u00edas": 3, "uci\u00f3n": 4, uciones: 4, ucion: 4, encia: 5, encias: 5, amente: 6, mente: 7,
    idad: 8, idades: 8, iva: 9, ivo: 9, ivas: 9, ivos: 9
  };
  var SPANISH_Y_VERB = ["ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "y\u00f3", "yas", "yes", "yais", "yamos"];
  var SPANISH_VERB = ("en es \u00e9is emos ar\u00edan ar\u00edas ar\u00e1n ar\u00e1s ar\u00edais ar\u00eda ar\u00e9is ar\u00edamos aremos ar\u00e1 ar\u00e9 " +
    "er\u00edan er\u00edas er\u00e1n er\u00e1s er\u00edais er\u00eda er\u00e9is er\u00edamos eremos er\u00e1 er\u00e9 " +
    "ir\u00edan ir\u00edas ir\u00e1n ir\u00e1s ir\u00edais ir\u00eda ir\u00e9is ir\u00edamos iremos ir\u00e1 ir\u00e9 " +
    "aba ada ida \u00eda ara iera ad ed id ase iese aste iste an aban \u00edan aran ieran asen iesen aron ieron ado " +
    "ido ando iendo i\u00f3 ar er ir as abas adas idas \u00edas aras ieras ases ieses \u00eds \u00e1is abais \u00edais arais " +
    "ierais aseis ieseis asteis isteis ados idos amos \u00e1bamos \u00edamos imos \u00e1ramos i\u00e9ramos i\u00e9semos \u00e1semos").split(" ");

  function spanishStem(word) {
    var s = Array.from(word);
    if (!s.length) return word;
    var pV = spanishRV(s), p1 = s.length, p2 = s.length;
    var first = afterVowelThenConsonant(s, 0, isSpanishVowel);
    if (first >= 0) {
      p1 = first;
      var second = afterVowelThenConsonant(s, first, isSpanishVowel);
      if (second >= 0) p2 = second;
    }
    // Attached pronouns.
    var pronoun = longestSuffix(s, ["me", "se", "sela", "selo", "selas", "selos", "la", "le", "lo", "las", "les", "los", "nos"]);
    if (pronoun !== null) {
      var before = s.slice(0, s.length - pronoun.length);
      var ending = longestSuffix(before, ["i\u00e9ndo", "\u00e1ndo", "\u00e1r", "\u00e9r", "\u00edr", "ando", "iendo", "ar", "er", "ir", "yendo"]);
      if (ending !== null && before.length - ending.length >= pV) {
        var plain = { "i\u00e9ndo": "iendo", "\u00e1ndo": "ando", "\u00e1r": "ar", "\u00e9r": "er", "\u00edr": "ir" }[ending];
        if (plain) s = before.slice(0, before.length - ending.length).concat(Array.from(plain));
        else if (ending !== "yendo" || endsWith(before, "uyendo")) s = before;
      }
    }
    if (!spanishStandardSuffix(s, p1, p2) && !spanishVerbSuffix(s, pV, SPANISH_Y_VERB, true)) spanishVerbSuffix(s, pV, SPANISH_VERB, false);
    // Residual suffixes.
    var residual = longestSuffix(s, ["os", "a", "o", "\u00e1", "\u00ed", "\u00f3", "e", "\u00e9"]);
    if (residual !== null && s.length - residual.length >= pV) {
      s.length -= residual.length;
      if ((residual === "e" || residual === "\u00e9") && endsWith(s, "gu") && s.length - 1 >= pV) s.length--;
    }
    return s.join("").replace(/[\u00e1\u00e9\u00ed\u00f3\u00fa]/g, function (c) {
      return { "\u00e1": "a", "\u00e9": "e", "\u00ed": "i", "\u00f3": "o", "\u00fa": "u" }[c];
    });
  }

  /** Whether a suffix was removed (or replaced). */
  function spanishStandardSuffix(s, p1, p2) {
    var suffix = longestSuffix(s, Object.keys(SPANISH_STANDARD));
    if (suffix === null) return false;
    var start = s.length - suffix.length, group = SPANISH_STANDARD[suffix];
    function replace(by) { s.length = start; Array.prototype.push.apply(s, Array.from(by)); }
    function dropIf(tail, region) {
      if (endsWith(s, tail) && s.length - tail.length >= region) { s.length -= tail.length; return true; }
      return false;
    }
    if (group === 6) {
      if (start < p1) return false;
      s.length = start;
      var inner = longestSuffix(s, ["iv", "os", "ic", "ad"]);
      if (inner !== null && s.length - inner.length >= p2) {
        s.length -= inner.length;
        if (inner === "iv") dropIf("at", p2);
      }
      return true;
    }
    if (start < p2) return false;
    if (group === 1) s.length = start;
    else if (group === 2) { s.length = start; dropIf("ic", p2); }
    else if (group === 3) replace("log");
    else if (group === 4) replace("u");
    else if (group === 5) replace("ente");
    else if (group === 7) {
      s.length = start;
      var after = longestSuffix(s, ["ante", "able", "ible"]);
      if (after !== null) dropIf(after, p2);
    } else if (group === 8) {
      s.length = start;
      var tail = longestSuffix(s, ["abil", "ic", "iv"]);
      if (tail !== null) dropIf(tail, p2);
    } else { s.length = start; dropIf("at", p2); }
    return true;
  }

  /** The verb endings inside RV; the y- forms only after u. Whether one was removed. */
  function spanishVerbSuffix(s, pV, suffixes, afterU) {
    var suffix = longestSuffixFrom(s, suffixes, pV);
    if (suffix === null) return false;
    var start = s.length - suffix.length;
    if (afterU) {
      if (!endsWith(s, "u", start)) return false;
      s.length = start;
      return true;
    }
    if ((suffix === "en" || suffix === "es" || suffix === "\u00e9is" || suffix === "emos") && endsWith(s, "gu", start)) start--;
    s.length = start;
    return true;
  }

  /* ------------------------------------------------------------------ */
  /* French (mirrors FrenchStemmer.swift: Snowball's french.sbl)        */
  /* ------------------------------------------------------------------ */

  function isFrenchVowel(c) { return "aeiouy\u00e2\u00e0\u00eb\u00e9\u00ea\u00e8\u00ef\u00ee\u00f4\u00fb\u00f9".indexOf(c) >= 0; }

  var FRENCH_STANDARD = {};
  [["ance iqUe isme able iste eux ances iqUes ismes ables istes", 1], ["atrice ateur ation atrices ateurs ations", 2],
   ["logie logies", 3], ["usion ution usions utions", 4], ["ence ences", 5], ["ement ements", 6],
   ["it\u00e9 it\u00e9s", 7], ["if ive ifs ives", 8], ["eaux", 9], ["aux", 10], ["oux", 11], ["euse euses", 12],
   ["issement issements", 13], ["amment", 14], ["emment", 15], ["ment ments", 16]].forEach(function (group) {
    group[0].split(" ").forEach(function (suffix) { FRENCH_STANDARD[suffix] = group[1]; });
  });
  var FRENCH_I_VERB = ("\u00eemes \u00eet \u00eetes i ie ies ir ira irai iraIent irais irait iras irent irez iriez irions irons " +
    "iront is issaIent issais issait issant issante issantes issants isse issent isses issez issiez issions issons it").split(" ");
  var FRENCH_VERB = {};
  [["ions", 1], ["\u00e9 \u00e9e \u00e9es \u00e9s \u00e8rent er era erai eraIent erais erait eras erez eriez erions erons eront ez iez", 2],
   ["\u00e2mes \u00e2t \u00e2tes a ai aIent ait ant ante antes ants as asse assent asses assiez assions", 3],
   ["ais aise aises", 4], ["eais", 2]].forEach(function (group) {
    group[0].split(" ").forEach(function (suffix) { FRENCH_VERB[suffix] = group[1]; });
  });

  function frenchStem(word) {
    var s = Array.from(word), i, v = isFrenchVowel;
    // Elisions: l', qu' and the like.
    var elided = /^(?:qu|[cdjlmnstz])'/.exec(word);
    if (elided && word.length > elided[0].length) s = Array.from(word.slice(elided[0].length));
    if (!s.length) return word;
    for (i = 0; i < s.length; i++) {
      var c = s[i], next = s[i + 1];
      if (v(c) && (next === "u" || next === "i") && i + 2 < s.length && v(s[i + 2])) s[i + 1] = next.toUpperCase();
      else if (v(c) && next === "y") s[i + 1] = "Y";
      else if (c === "\u00eb") s.splice(i, 1, "H", "e");
      else if (c === "\u00ef") s.splice(i, 1, "H", "i");
      else if (c === "y" && i + 1 < s.length && v(next)) s[i] = "Y";
      else if (c === "q" && next === "u") s[i + 1] = "U";
    }
    var n = s.length, pV = n, p1 = n, p2 = n;
    if (n >= 3 && v(s[0]) && v(s[1])) pV = 3;
    else if (/^(par|col|tap)/.test(s.join("")) || (s[0] === "n" && s[1] === "i" && n >= 3 && v(s[2]))) pV = 3;
    else for (i = 1; i < n; i++) if (v(s[i])) { pV = i + 1; break; }
    var first = afterVowelThenConsonant(s, 0, v);
    if (first >= 0) {
      p1 = first;
      var second = afterVowelThenConsonant(s, first, v);
      if (second >= 0) p2 = second;
    }
    if (frenchStandardSuffix(s, pV, p1, p2) || frenchIVerbSuffix(s, pV) || frenchVerbSuffix(s, pV, p2)) {
      if (s[s.length - 1] === "Y") s[s.length - 1] = "i";
      else if (s[s.length - 1] === "\u00e7") s[s.length - 1] = "c";
    } else {
      frenchResidualSuffix(s, pV, p2);
    }
    if (longestSuffix(s, ["enn", "onn", "ett", "ell", "eill"]) !== null) s.length--;
    for (i = s.length; i > 0 && !v(s[i - 1]); i--);
    if (i < s.length && i > 0 && (s[i - 1] === "\u00e9" || s[i - 1] === "\u00e8")) s[i - 1] = "e";
    var out = s.join("").replace(/He/g, "\u00eb").replace(/Hi/g, "\u00ef").replace(/H/g, "");
    return out.replace(/[IUY]/g, function (c) { return c.toLowerCase(); });
  }

  /** Whether a suffix was removed; -amment, -emment and -ment change the word and say no. */
  function frenchStandardSuffix(s, pV, p1, p2) {
    var suffix = longestSuffix(s, Object.keys(FRENCH_STANDARD));
    if (suffix === null) return false;
    var start = s.length - suffix.length, group = FRENCH_STANDARD[suffix];
    function replaceTail(length, by) { s.length -= length; Array.prototype.push.apply(s, Array.from(by)); }
    function icOrIqU() {
      if (!endsWith(s, "ic")) return;
      if (s.length - 2 >= p2) s.length -= 2; else replaceTail(2, "iqU");
    }
    switch (group) {
      case 1: if (start < p2) return false; s.length = start; return true;
      case 2: if (start < p2) return false; s.length = start; icOrIqU(); return true;
      case 3: if (start < p2) return false; replaceTail(suffix.length, "log"); return true;
      case 4: if (start < p2) return false; replaceTail(suffix.length, "u"); return true;
      case 5: if (start < p2) return false; replaceTail(suffix.length, "ent"); return true;
      case 6: {
        if (start < pV) return false;
        s.length = start;
        var inner = longestSuffix(s, ["iv", "eus", "abl", "iqU", "i\u00e8r", "I\u00e8r"]);
        if (inner === null) return true;
        var at = s.length - inner.length;
        if (inner === "iv") {
          if (at >= p2) { s.length = at; if (endsWith(s, "at") && s.length - 2 >= p2) s.length -= 2; }
        } else if (inner === "eus") {
          if (at >= p2) s.length = at; else if (at >= p1) replaceTail(3, "eux");
        } else if (inner === "abl" || inner === "iqU") {
          if (at >= p2) s.length = at;
        } else if (at >= pV) replaceTail(3, "i");
        return true;
      }
      case 7: {
        if (start < p2) return false;
        s.length = start;
        var tail = longestSuffix(s, ["abil", "ic", "iv"]);
        if (tail === null) return true;
        var from = s.length - tail.length;
        if (from >= p2) s.length = from;
        else if (tail === "abil") replaceTail(4, "abl");
        else if (tail === "ic") replaceTail(2, "iqU");
        return true;
      }
      case 8:
        if (start < p2) return false;
        s.length = start;
        if (endsWith(s, "at") && s.length - 2 >= p2) { s.length -= 2; icOrIqU(); }
        return true;
      case 9: replaceTail(4, "eau"); return true;
      case 10: if (start < p1) return false; replaceTail(3, "al"); return true;
      case 11: if (start < 1 || "bhjlnp".indexOf(s[start - 1]) < 0) return false; replaceTail(3, "ou"); return true;
      case 12:
        if (start >= p2) { s.length = start; return true; }
        if (start >= p1) { replaceTail(suffix.length, "eux"); return true; }
        return false;
      case 13: if (start < p1 || start < 1 || isFrenchVowel(s[start - 1])) return false; s.length = start; return true;
      case 14: if (start >= pV) replaceTail(6, "ant"); return false;
      case 15: if (start >= pV) replaceTail(6, "ent"); return false;
      default: if (start >= 1 && isFrenchVowel(s[start - 1]) && start - 1 >= pV) s.length = start; return false;
    }
  }

  function frenchIVerbSuffix(s, pV) {
    var suffix = longestSuffixFrom(s, FRENCH_I_VERB, pV);
    if (suffix === null) return false;
    var start = s.length - suffix.length;
    if (start - 1 < pV || s[start - 1] === "H" || isFrenchVowel(s[start - 1])) return false;
    s.length = start;
    return true;
  }

  function frenchVerbSuffix(s, pV, p2) {
    var suffix = longestSuffixFrom(s, Object.keys(FRENCH_VERB), pV);
    if (suffix === null) return false;
    var start = s.length - suffix.length, group = FRENCH_VERB[suffix];
    if (group === 1 && start < p2) return false;
    if (group === 3 && start >= 1 && s[start - 1] === "e" && start - 1 >= pV) start--;
    if (group === 4) {
      if (endsWith(s, "al", start) && start === 3) return false;
      if (endsWith(s, "auv", start) || endsWith(s, "\u00e9pl", start)) return false;
    }
    s.length = start;
    return true;
  }

  function frenchResidualSuffix(s, pV, p2) {
    var n = s.length;
    if (n >= 2 && s[n - 1] === "s" && (endsWith(s, "His") || "aiou\u00e8s".indexOf(s[n - 2]) < 0)) s.length--;
    var suffix = longestSuffixFrom(s, ["ion", "ier", "i\u00e8re", "Ier", "I\u00e8re", "e"], pV);
    if (suffix === null) return;
    var start = s.length - suffix.length;
    if (suffix === "ion") {
      if (start >= p2 && start - 1 >= pV && (s[start - 1] === "s" || s[start - 1] === "t")) s.length = start;
    } else if (suffix === "e") {
      s.length = start;
    } else {
      s.length = start;
      s.push("i");
    }
  }

  HS.germanStem = germanStem;
  HS.frenchStem = frenchStem;
  HS.spanishStem = spanishStem;
  // Hands the stemmers to search-engine.js, which loaded this file.
  if (HS.stemmers) HS.stemmers({ de: germanStem, fr: frenchStem, es: spanishStem });
})();
