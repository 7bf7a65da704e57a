/*
 * Handbook offline search: the search box in every page's header. Each
 * form[data-handbook-search="box"] becomes an ARIA combobox with a dropdown of the best results
 * ("/" focuses it, arrows move, Enter opens, Escape closes). Without script it stays a plain
 * form to the search page. Needs search-engine.js and search-ui.js, loaded before it.
 */
(function () {
  "use strict";

  var HS = window.HandbookSearch;
  var ui = HS.ui;
  var boxCount = 0;

  function SearchBox(form, input) {
    var number = boxCount++;
    this.form = form;
    this.input = input;
    this.listbox = form.querySelector('[role="listbox"]') || newPopup(form);
    if (!this.listbox.id) this.listbox.id = "hs-listbox-" + number;
    this.listbox.setAttribute("aria-label", "Search results");
    this.status = form.querySelector('[role="status"]') || newStatus(form);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.listbox.id);
    input.setAttribute("autocomplete", "off");
    this.options = [];
    this.active = -1;
    this.sequence = 0;
    this.lastQuery = null;
    this.pending = 0;
    this.listen();
    this.setExpanded(false);
  }

  function newPopup(form) {
    var listbox = ui.element("div", "hs-popup");
    listbox.setAttribute("role", "listbox");
    listbox.hidden = true;
    form.appendChild(listbox);
    return listbox;
  }

  function newStatus(form) {
    var status = ui.element("div", "hs-visually-hidden");
    status.setAttribute("role", "status");
    form.appendChild(status);
    return status;
  }

  SearchBox.prototype.setExpanded = function (open) {
    this.listbox.hidden = !open;
    this.input.setAttribute("aria-expanded", open ? "true" : "false");
    this.form.classList.toggle("hs-open", open);
    if (!open) this.setActive(-1);
  };

  SearchBox.prototype.setActive = function (index) {
    var options = this.options;
    if (this.active >= 0 && options[this.active]) {
      options[this.active].setAttribute("aria-selected", "false");
      options[this.active].classList.remove("hs-active");
    }
    this.active = index;
    if (index >= 0 && options[index]) {
      options[index].setAttribute("aria-selected", "true");
      options[index].classList.add("hs-active");
      this.input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  SearchBox.prototype.option = function (href, className) {
    var node = ui.element("div", "hs-option" + (className ? " " + className : ""));
    node.id = this.listbox.id + "-option-" + this.options.length;
    node.setAttribute("role", "option");
    node.setAttribute("aria-selected", "false");
    node.setAttribute("data-href", href);
    this.options.push(node);
    return node;
  };

  SearchBox.prototype.render = function (result, query) {
    var listbox = this.listbox, self = this;
    ui.clear(listbox);
    this.options = [];
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    result.articles.forEach(function (article) { listbox.appendChild(self.articleGroup(article)); });
    var all = this.option(HS.siteRoot() + "search.html?q=" + encodeURIComponent(query), "hs-option-all");
    all.textContent = result.articles.length ? "See all results for \u201c" + query + "\u201d" : "No results \u2014 open the search page";
    listbox.appendChild(all);
    this.status.textContent = ui.resultCountText(result, query);
    this.setExpanded(true);
  };

  /** An article's group of options: its title and topic, then an option per section. */
  SearchBox.prototype.articleGroup = function (article) {
    var self = this;
    var group = ui.element("div", "hs-group");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", article.title + " (" + article.topic + ")");
    var head = ui.element("div", "hs-group-head");
    head.setAttribute("aria-hidden", "true");
    head.appendChild(ui.appendParts(ui.element("span", "hs-group-title"), article.titleParts));
    head.appendChild(ui.element("span", "hs-topic", article.topic));
    group.appendChild(head);
    article.sections.forEach(function (section) {
      var node = self.option(section.href);
      // The lead section has no heading; the group already shows the article title.
      if (section.headingParts) node.appendChild(ui.appendParts(ui.element("span", "hs-option-heading"), section.headingParts));
      node.appendChild(ui.appendParts(ui.element("span", "hs-excerpt"), section.excerpt));
      group.appendChild(node);
    });
    return group;
  };

  SearchBox.prototype.update = function () {
    var self = this, query = this.input.value;
    if (query === this.lastQuery) return;
    this.lastQuery = query;
    var mine = ++this.sequence;
    if (!query.trim()) {
      this.setExpanded(false);
      this.status.textContent = "";
      return;
    }
    HS.search(query, { limit: 6, sectionsPerArticle: 2 }).then(function (result) {
      if (mine !== self.sequence || document.activeElement !== self.input) return;
      self.render(result, query.trim());
    }, function (error) {
      if (mine !== self.sequence) return;
      self.status.textContent = ui.unavailableText(error);
    });
  };

  SearchBox.prototype.go = function (node) {
    var href = node && node.getAttribute("data-href");
    if (href) window.location.href = href;
  };

  /** Arrow keys: open the dropdown again, or move through its options, wrapping around. */
  SearchBox.prototype.move = function (step) {
    var count = this.options.length;
    if (this.listbox.hidden) {
      if (count) this.setExpanded(true);
      return;
    }
    if (!count) return;
    this.setActive(this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count);
  };

  SearchBox.prototype.keydown = function (event) {
    var open = !this.listbox.hidden;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp":
        event.preventDefault();
        this.move(event.key === "ArrowDown" ? 1 : -1);
        break;
      case "Enter":
        if (open && this.active >= 0) {
          event.preventDefault();
          this.go(this.options[this.active]);
        }
        break;
      case "Escape":
        if (open) {
          event.preventDefault();
          this.setExpanded(false);
        } else if (this.input.value) {
          event.preventDefault();
          this.input.value = "";
          this.update();
        }
        break;
      case "Tab":
        this.setExpanded(false);
        break;
    }
  };

  SearchBox.prototype.listen = function () {
    var self = this, input = this.input;
    // Wait for a pause in typing (a few frames) before searching: every search may load
    // doc-store files, and results for half-typed words nobody reads are wasted bytes.
    input.addEventListener("input", function () {
      clearTimeout(self.pending);
      self.pending = setTimeout(function () { self.update(); }, 60);
    });
    input.addEventListener("focus", function () {
      HS.manifest().catch(function () {});
      if (self.options.length && input.value.trim() && input.value === self.lastQuery) self.setExpanded(true);
      else self.update();
    });
    input.addEventListener("keydown", function (event) { self.keydown(event); });
    this.form.addEventListener("focusout", function (event) {
      if (!self.form.contains(event.relatedTarget)) self.setExpanded(false);
    });
    // Keep focus in the input while clicking an option, then follow it.
    this.listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.listbox.addEventListener("click", function (event) {
      self.go(event.target.closest ? event.target.closest('[role="option"]') : null);
    });
  };

  /** "/" focuses the search page's field on the search page, else the first search box. */
  function focusOnSlash(boxes) {
    document.addEventListener("keydown", function (event) {
      var focusTarget = HS.pageInput || (boxes[0] || {}).input;
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || !focusTarget) return;
      var target = event.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      event.preventDefault();
      focusTarget.focus();
      focusTarget.select();
    });
  }

  ui.whenReady(function () {
    var boxes = Array.prototype.map.call(document.querySelectorAll('form[data-handbook-search="box"]'), function (form) {
      var input = form.querySelector('input[name="q"]');
      return input ? new SearchBox(form, input) : null;
    }).filter(Boolean);
    focusOnSlash(boxes);
  });
})();
