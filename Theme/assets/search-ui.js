/*
 * Handbook offline search: what the search box (search-box.js) and the search page
 * (search-page.js) both show. Text only, never HTML: every node is made with createElement and
 * textContent, so index content cannot become markup, and nothing here needs more than
 * Content-Security-Policy: script-src 'self'.
 */
(function () {
  "use strict";

  var HS = (window.HandbookSearch = window.HandbookSearch || {});

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /** Appends [{text, mark}] parts to parent, matched words in <mark>; returns parent. */
  function appendParts(parent, parts) {
    parts.forEach(function (part) {
      parent.appendChild(part.mark ? element("mark", null, part.text) : document.createTextNode(part.text));
    });
    return parent;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function resultCountText(result, query) {
    var n = result.articles.length;
    if (n === 0) return "No results for \u201c" + query + "\u201d";
    return (result.more ? "Top " + n + " articles" : n + (n === 1 ? " article" : " articles")) +
      " for \u201c" + query + "\u201d";
  }

  function unavailableText(error) {
    return "Search is unavailable: " + error.message;
  }

  /** Calls start once the document is parsed. */
  function whenReady(start) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }

  HS.ui = {
    element: element,
    appendParts: appendParts,
    clear: clear,
    resultCountText: resultCountText,
    unavailableText: unavailableText,
    whenReady: whenReady
  };
})();
