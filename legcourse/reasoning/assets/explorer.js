/* legcourse: plays the kernel-free lesion explorer (see legcourse/reasoning/explorer.py).
   Python wrote every diagram and every list at build time; this script only marks the chosen
   lesion's muscles on the diagrams and shows its lists. No framework, nothing fetched. */
(function () {
  "use strict";

  function each(nodes, fn) { Array.prototype.forEach.call(nodes, fn); }

  function Explorer(root) {
    this.root = root;
    this.p = root.getAttribute("data-prefix");
    this.data = JSON.parse(root.querySelector("script.lc-data").textContent);
    this.select = document.getElementById(this.p + "choice");
    this.effects = document.getElementById(this.p + "effects");
    var self = this;
    this.select.addEventListener("change", function () { self.show(self.select.value); });
    each(root.querySelectorAll("button.lc-root"), function (button) {
      button.addEventListener("click", function () { self.show(button.getAttribute("data-lesion")); });
    });
    Object.keys(this.data.lesions).forEach(function (lesion) {
      self.data.views.forEach(function (view) {
        var marker = document.getElementById(self.p + view + "-site-" + lesion);
        if (!marker) return;
        marker.setAttribute("tabindex", "0");
        marker.setAttribute("role", "button");
        marker.setAttribute("aria-label", self.data.lesions[lesion].name);
        marker.classList.add("lc-marker");
        var title = document.createElementNS("http://www.w3.org/2000/svg", "title");
        title.textContent = self.data.lesions[lesion].name;
        marker.appendChild(title);
        marker.addEventListener("click", function () { self.show(lesion); });
        // The wider, invisible touch area around the ring chooses it too (mouse and touch).
        var hit = document.getElementById(marker.id + "-hit");
        if (hit) {
          hit.classList.add("lc-hit");
          hit.addEventListener("click", function () { self.show(lesion); });
        }
        marker.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            self.show(lesion);
          }
        });
      });
    });
    each(root.querySelectorAll("svg"), function (svg) {
      svg.setAttribute("role", "group");
      svg.setAttribute("focusable", "false");
    });
    this.show(this.select.value);
  }

  /* Every shape of a muscle in one view: the muscle, and its extra parts (two heads...). */
  Explorer.prototype.shapes = function (view, muscle) {
    var id = this.p + view + "-muscle-" + muscle;
    var found = [];
    each(this.root.querySelectorAll('[id^="' + id + '"]'), function (g) {
      if (g.id === id || g.id.indexOf(id + "-") === 0) found.push(g);
    });
    return found;
  };

  Explorer.prototype.clear = function () {
    each(this.root.querySelectorAll(".lc-dark, .lc-weak"), function (g) {
      g.classList.remove("lc-dark", "lc-weak");
    });
    each(this.root.querySelectorAll(".lc-hatch"), function (node) { node.parentNode.removeChild(node); });
    each(this.root.querySelectorAll(".lc-selected"), function (g) {
      g.classList.remove("lc-selected");
      g.removeAttribute("aria-pressed");
    });
    each(this.root.querySelectorAll(".lc-marker"), function (g) { g.setAttribute("aria-pressed", "false"); });
    each(this.root.querySelectorAll("button.lc-root"), function (b) { b.setAttribute("aria-pressed", "false"); });
  };

  Explorer.prototype.show = function (lesion) {
    var info = this.data.lesions[lesion], self = this;
    if (!info) return;
    this.clear();
    this.select.value = lesion;
    this.data.views.forEach(function (view) {
      info.paralysed.forEach(function (m) {
        self.shapes(view, m).forEach(function (g) { g.classList.add("lc-dark"); });
      });
      info.weakened.forEach(function (m) {
        self.shapes(view, m).forEach(function (g) {
          g.classList.add("lc-weak");
          each(g.querySelectorAll("path"), function (path) {
            var hatch = path.cloneNode(false);
            hatch.setAttribute("class", "lc-hatch");
            hatch.setAttribute("style", "fill: url(#" + self.p + view + "-hatch); stroke: none");
            g.appendChild(hatch);
          });
        });
      });
      var marker = document.getElementById(self.p + view + "-site-" + lesion);
      if (marker) {
        marker.classList.add("lc-selected");
        marker.setAttribute("aria-pressed", "true");
        var cross = document.getElementById(marker.id + "-mark");
        if (cross) cross.classList.add("lc-selected"); // white on the filled ring
      }
    });
    each(this.root.querySelectorAll('button.lc-root[data-lesion="' + lesion + '"]'), function (b) {
      b.setAttribute("aria-pressed", "true");
    });
    this.effects.innerHTML = info.html;
    this.root.setAttribute("data-shown", lesion);
  };

  function startAll() {
    each(document.querySelectorAll("section.lc-explorer"), function (root) {
      if (root.getAttribute("data-started")) return;
      root.setAttribute("data-started", "yes");
      new Explorer(root);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
  else startAll();
})();
