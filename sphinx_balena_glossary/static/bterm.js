/* sphinx-balena-glossary tooltips: hover (after a short intent delay) or focus
   a term link to read its definition; WCAG 2.1 SC 1.4.13: hoverable,
   dismissible with Escape, persistent. On touch, a first tap shows the
   definition and a second follows the link. No framework, no network. */
(function () {
  "use strict";
  var OPEN_DELAY = 150, HIDE_DELAY = 280, GAP = 6, MARGIN = 8;
  var current = null, link = null, openTimer = 0, hideTimer = 0, overTip = false, tapOpens = false;

  function place(tip, anchor) {
    var r = anchor.getBoundingClientRect(), vw = document.documentElement.clientWidth,
        vh = window.innerHeight;
    tip.style.left = "0px"; tip.style.top = "0px";
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var top = r.bottom + GAP;
    if (top + h > vh - MARGIN && r.top - GAP - h >= MARGIN) top = r.top - GAP - h;
    top = Math.max(MARGIN, Math.min(top, vh - h - MARGIN));
    var left = Math.max(MARGIN, Math.min(r.left, vw - w - MARGIN));
    tip.style.left = left + "px"; tip.style.top = top + "px";
  }
  function tipOf(a) {
    var tip = document.getElementById(a.getAttribute("aria-describedby"));
    return tip && tip.getAttribute("role") === "tooltip" ? tip : null;
  }
  function show(a) {
    clearTimeout(openTimer); clearTimeout(hideTimer);
    var tip = tipOf(a);
    if (!tip) return;
    if (current && current !== tip) current.hidden = true;
    current = tip; link = a;
    tip.hidden = false;
    place(tip, a);
  }
  function hide() {
    clearTimeout(openTimer); clearTimeout(hideTimer);
    if (current) current.hidden = true;
    current = link = null;
  }
  function later() { clearTimeout(hideTimer); hideTimer = setTimeout(hide, HIDE_DELAY); }

  function init() {
    var tips = document.querySelector(".bterm-tips");
    if (!tips) return;
    document.body.appendChild(tips); /* out of any clipping or transformed container */
    /* a tooltip holds nothing to click or focus (ARIA tooltip pattern): the term link
       itself leads to the entry, where the "more" and "see" links are */
    tips.querySelectorAll(".bterm-tip").forEach(function (tip) {
      tip.addEventListener("pointerenter", function () { overTip = true; clearTimeout(hideTimer); });
      tip.addEventListener("pointerleave", function (e) {
        overTip = false;
        if (e.pointerType !== "touch" && document.activeElement !== link) later();
      });
    });
    document.querySelectorAll(".bterm[aria-describedby]").forEach(function (a) {
      if (!tipOf(a)) return;
      a.addEventListener("pointerenter", function (e) {
        if (e.pointerType === "touch") return;
        clearTimeout(hideTimer);
        if (current && link === a) return;
        clearTimeout(openTimer);
        openTimer = setTimeout(function () { show(a); }, OPEN_DELAY);
      });
      a.addEventListener("pointerleave", function (e) {
        if (e.pointerType === "touch") return;
        clearTimeout(openTimer);
        if (current && link === a && document.activeElement !== a) later();
      });
      a.addEventListener("focus", function () { show(a); });
      a.addEventListener("blur", function () { if (link === a && !overTip) hide(); });
      /* touch: the first tap shows the definition, a second tap follows the link
         (decided before the tap's own focus event opens the tooltip) */
      a.addEventListener("pointerdown", function (e) {
        tapOpens = e.pointerType === "touch" && !(current && link === a);
      });
      a.addEventListener("click", function (e) {
        if (tapOpens) { e.preventDefault(); tapOpens = false; show(a); }
      });
    });
    document.addEventListener("keydown", function (e) {
      if ((e.key === "Escape" || e.key === "Esc") && current) { hide(); e.preventDefault(); }
    });
    document.addEventListener("pointerdown", function (e) {
      if (current && !current.contains(e.target) && !(link && link.contains(e.target))) hide();
    });
    window.addEventListener("scroll", function () { if (current) place(current, link); }, { passive: true });
    window.addEventListener("resize", function () { if (current) place(current, link); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
