/* legcourse: plays the kernel-free joint-angle slider (see legcourse/book/angle_slider.py).
   Python drew one frame per angle and wrote every readout at build time; this script only
   shows the frame and the readouts that match the slider. No framework, nothing fetched. */
(function () {
  "use strict";

  function Slider(root) {
    var p = root.getAttribute("data-prefix");
    this.root = root;
    this.p = p;
    this.data = JSON.parse(root.querySelector("script.lc-data").textContent);
    this.input = document.getElementById(p + "input");
    this.output = document.getElementById(p + "value");
    var self = this;
    this.input.addEventListener("input", function () { self.show(self.input.value); });
    this.input.addEventListener("change", function () { self.show(self.input.value); });
    this.show(this.input.value);
    root.setAttribute("data-started", "yes");
  }

  Slider.prototype.show = function (value) {
    var angle = String(parseInt(value, 10));
    var frame = document.getElementById(this.p + "frame-" + angle);
    if (!frame || !this.data.arms[angle]) return;
    Array.prototype.forEach.call(this.root.querySelectorAll(".lc-frame.lc-on"), function (g) {
      g.classList.remove("lc-on");
    });
    frame.classList.add("lc-on");
    var words = this.data.words[angle], arms = this.data.arms[angle], p = this.p;
    this.output.textContent = words;
    this.input.setAttribute("aria-valuetext", words);
    this.data.muscles.forEach(function (muscle) {
      var cell = document.getElementById(p + "arm-" + muscle);
      if (cell) cell.textContent = arms[muscle];
    });
    this.root.setAttribute("data-shown", angle);
  };

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("figure.lc-angle"), function (root) {
      if (!root.getAttribute("data-started")) new Slider(root);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
