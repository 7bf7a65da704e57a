/*
 * Handbook offline search: the search page (search.html). [data-handbook-search="page"] shows
 * all results with topic and tag filters, and keeps the query in the URL
 * (?q=…&topic=…&tag=…). Needs search-engine.js and search-ui.js, loaded before it.
 */
(function () {
  "use strict";

  var HS = window.HandbookSearch;
  var ui = HS.ui;
  var PAGE_SIZE = 10;

  function SearchPage(root, input) {
    this.root = root;
    this.input = input;
    this.form = input.form;
    this.topicSelect = root.querySelector('select[name="topic"]');
    this.tagSelect = root.querySelector('select[name="tag"]');
    this.status = root.querySelector('[role="status"]');
    this.results = root.querySelector(".hs-results");
    this.more = root.querySelector(".hs-more");
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    this.wantedTopic = params.get("topic") || "";
    this.wantedTag = params.get("tag") || "";
    this.limit = PAGE_SIZE;
    this.sequence = 0;
    this.fillFilters();
    this.listen();
  }

  /** Fills the filters first: the first search must see the topic and tag from the URL. */
  SearchPage.prototype.fillFilters = function () {
    var self = this, filters = this.root.querySelector(".hs-filters");
    HS.manifest().then(function (meta) {
      fillSelect(self.topicSelect, meta.topics.map(function (t) { return t[0]; }), self.wantedTopic);
      fillSelect(self.tagSelect, meta.tags, self.wantedTag);
      if (filters) filters.hidden = false;
      self.root.setAttribute("data-ready", "");
      if (self.input.value.trim()) self.run();
    }).catch(function (error) {
      if (self.status) self.status.textContent = ui.unavailableText(error);
    });
  };

  function fillSelect(select, names, selected) {
    if (!select) return;
    names.forEach(function (name) {
      var node = ui.element("option", null, name);
      node.value = name;
      if (name === selected) node.selected = true;
      select.appendChild(node);
    });
  }

  SearchPage.prototype.current = function () {
    return {
      q: this.input.value,
      topic: this.topicSelect ? this.topicSelect.value : this.wantedTopic,
      tag: this.tagSelect ? this.tagSelect.value : this.wantedTag
    };
  };

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

  SearchPage.prototype.run = function () {
    var self = this, state = this.current();
    updateUrl(state);
    var mine = ++this.sequence;
    if (!state.q.trim()) {
      ui.clear(this.results);
      if (this.status) this.status.textContent = "";
      if (this.more) this.more.hidden = true;
      return;
    }
    HS.search(state.q, { topic: state.topic || undefined, tag: state.tag || undefined, limit: this.limit, sectionsPerArticle: 3 })
      .then(function (result) {
        if (mine !== self.sequence) return;
        self.render(result, state.q.trim());
      }, function (error) {
        if (mine === self.sequence && self.status) self.status.textContent = ui.unavailableText(error);
      });
  };

  SearchPage.prototype.render = function (result, query) {
    var results = this.results;
    ui.clear(results);
    result.articles.forEach(function (article) { results.appendChild(resultItem(article)); });
    if (this.status) this.status.textContent = ui.resultCountText(result, query);
    if (this.more) this.more.hidden = !result.more;
  };

  /** One article: its title as a link, topic and tags, and its best sections with excerpts. */
  function resultItem(article) {
    var item = ui.element("li", "hs-result");
    var title = ui.element("h2", "hs-result-title");
    var titleLink = ui.element("a");
    titleLink.href = article.href;
    title.appendChild(ui.appendParts(titleLink, article.titleParts));
    item.appendChild(title);
    var metaLine = ui.element("p", "hs-result-meta");
    metaLine.appendChild(ui.element("span", "hs-topic", article.topic));
    article.tags.forEach(function (tag) { metaLine.appendChild(ui.element("span", "hs-tag", tag)); });
    item.appendChild(metaLine);
    var sections = ui.element("ul", "hs-sections");
    article.sections.forEach(function (section) {
      var sectionItem = ui.element("li", "hs-section");
      var sectionLink = ui.element("a", "hs-section-link");
      sectionLink.href = section.href;
      if (section.headingParts) ui.appendParts(sectionLink, section.headingParts);
      else sectionLink.textContent = "Introduction";
      sectionItem.appendChild(sectionLink);
      sectionItem.appendChild(ui.appendParts(ui.element("p", "hs-excerpt"), section.excerpt));
      sections.appendChild(sectionItem);
    });
    item.appendChild(sections);
    return item;
  }

  /** Arrow keys walk from the input through the result links and back. */
  SearchPage.prototype.walk = function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var target = event.target;
    if (target !== this.input && !this.results.contains(target)) return;
    var stops = [this.input].concat(Array.prototype.slice.call(this.results.querySelectorAll("a")));
    var index = stops.indexOf(target);
    if (index < 0) return;
    var next = index + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0 || next >= stops.length) return;
    event.preventDefault();
    stops[next].focus();
  };

  SearchPage.prototype.listen = function () {
    var self = this;
    function restart() { self.limit = PAGE_SIZE; self.run(); }
    this.input.addEventListener("input", restart);
    if (this.topicSelect) this.topicSelect.addEventListener("change", restart);
    if (this.tagSelect) this.tagSelect.addEventListener("change", restart);
    if (this.form) this.form.addEventListener("submit", function (event) { event.preventDefault(); self.run(); });
    if (this.more) this.more.addEventListener("click", function () { self.limit += PAGE_SIZE; self.run(); });
    this.root.addEventListener("keydown", function (event) { self.walk(event); });
  };

  ui.whenReady(function () {
    Array.prototype.forEach.call(document.querySelectorAll('[data-handbook-search="page"]'), function (root) {
      var input = root.querySelector('input[name="q"]');
      if (!input || !root.querySelector(".hs-results")) return;
      new SearchPage(root, input);
      // "/" focuses the first search page's field rather than the header's box (search-box.js).
      if (!HS.pageInput) HS.pageInput = input;
    });
  });
})();
