/* sphinx-balena-glossary: the filter box of the glossary page.
   Without JavaScript the box stays hidden and every entry shows. */
(function () {
  "use strict";
  function setup(page) {
    var box = page.querySelector(".bterm-filter");
    var input = box && box.querySelector("input");
    if (!input) return;
    var count = box.querySelector(".bterm-filter-count");
    var entries = [];
    page.querySelectorAll("dt.bterm-name").forEach(function (dt) {
      var dd = dt.nextElementSibling;
      var text = dt.textContent + " " + (dd ? dd.textContent : "");
      entries.push({ dt: dt, dd: dd, text: text.toLowerCase() });
    });
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      entries.forEach(function (e) {
        var hit = words.every(function (w) { return e.text.indexOf(w) !== -1; });
        e.dt.hidden = !hit;
        if (e.dd) e.dd.hidden = !hit;
        if (hit) shown++;
      });
      page.querySelectorAll(".bterm-letter").forEach(function (h) {
        var list = h.nextElementSibling;
        var any = list && list.querySelector("dt.bterm-name:not([hidden])");
        h.hidden = words.length > 0 && !any;
        if (list && list.tagName !== "H2") list.hidden = h.hidden;
        /* the jump bar's letter of a hidden section is no live link */
        var jump = h.id && page.querySelector('.bterm-jumpbar a[href="#' + h.id + '"]');
        if (jump) {
          if (h.hidden) { jump.setAttribute("aria-disabled", "true"); jump.tabIndex = -1; }
          else { jump.removeAttribute("aria-disabled"); jump.removeAttribute("tabindex"); }
        }
      });
      if (!words.length) count.textContent = "";
      else if (shown) count.textContent = shown + " / " + entries.length;
      else count.textContent = box.getAttribute("data-none").replace("%s", function () {
        return input.value.trim(); /* a function: "$&" in the query stays as typed */
      });
    }
    input.addEventListener("input", apply);
    box.hidden = false;
  }
  function init() { document.querySelectorAll(".bterm-glossary-page").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
