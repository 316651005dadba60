/* On a page whose main content is a drill, the theme's "Skip to main content" link leads to
   the drill itself, so a keyboard user starts there instead of tabbing through the page's
   header buttons and code. The drill's section carries data-lc-skip-target and tabindex=-1. */
(function () {
  "use strict";
  if (window.legcourseSkipToDrill) return;
  window.legcourseSkipToDrill = true;
  function point() {
    var drill = document.querySelector("[data-lc-skip-target]");
    var link = document.querySelector("#pst-skip-link a, a.skip-link");
    if (!drill || !link || !drill.id) return;
    link.setAttribute("href", "#" + drill.id);
    link.textContent = "Skip to the drill";
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", point);
  else point();
})();
