/* sphinx-balena-glossary: on the search page, a query that is a term's name or alias (or
   holds one as a word) shows the term's definition above the results. The terms come from
   bterm-terms.js, a static script (so this works from file:// too); the card is built from
   text nodes only. */
(function () {
  "use strict";
  function fold(text) { return text.trim().toLowerCase().replace(/\s+/g, " "); }
  function find(query, terms) {
    var wanted = fold(query);
    if (!wanted) return null;
    var byName = {};
    terms.forEach(function (term) {
      [term.name].concat(term.aliases).forEach(function (name) {
        if (!(fold(name) in byName)) byName[fold(name)] = term;
      });
    });
    if (wanted in byName) return byName[wanted];
    var words = wanted.split(" ");
    for (var i = 0; i < words.length; i++) if (words[i] in byName) return byName[words[i]];
    return null;
  }
  function add(parent, tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text) element.textContent = text;
    parent.appendChild(element);
    return element;
  }
  function init() {
    var data = window.btermTerms, results = document.getElementById("search-results");
    var query = new URLSearchParams(window.location.search).get("q") || "";
    var term = data && results && find(query, data.terms);
    if (!term) return;
    var card = document.createElement("section");
    card.className = "bterm-search-card";
    card.setAttribute("aria-labelledby", "bterm-search-card-name");
    add(card, "p", "bterm-search-card-kicker", data.labels.kicker);
    var title = add(card, "p", "bterm-search-card-title");
    add(title, "strong", "", term.name).id = "bterm-search-card-name";
    if (term.aliases.length) {
      add(title, "span", "bterm-aliases", " " + data.labels.aka + " " + term.aliases.join(", "));
    }
    if (term.text) add(card, "p", "bterm-definition", term.text);
    if (term.url) {
      var link = add(add(card, "p", "bterm-search-card-go"), "a", "", data.labels.go);
      link.href = term.url;
    }
    results.parentNode.insertBefore(card, results);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
