/* legcourse: plays the kernel-free clinical cases (see legcourse/reasoning/case_player.py).
   Python wrote every story, option, right answer and explanation at build time; this script
   only shows a case, compares the learner's ticks with the right options and shows what
   Python wrote. No framework, nothing fetched. */
(function () {
  "use strict";
  var RIGHT = "\u2713", WRONG = "\u2717";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function Cases(root) {
    this.root = root;
    this.p = root.getAttribute("data-prefix");
    this.data = JSON.parse(root.querySelector("script.lc-data").textContent);
    this.done = {}; // case index -> [right, asked], this visit
    this.pick = this.byId("pick");
    var self = this;
    this.pick.addEventListener("change", function () { self.show(Number(self.pick.value)); });
    this.byId("check").addEventListener("click", function () { self.check(); });
    this.byId("next").addEventListener("click", function () {
      self.show((self.index + 1) % self.data.cases.length);
      self.byId("case").querySelector("h3").focus();
    });
    this.show(0);
  }

  Cases.prototype.byId = function (name) { return document.getElementById(this.p + name); };

  Cases.prototype.show = function (index) {
    var c = this.data.cases[index], p = this.p, holder = this.byId("case");
    this.index = index;
    this.pick.value = String(index);
    holder.textContent = "";
    holder.appendChild(el("h3", { tabindex: "-1", id: p + "case-title" }, c.title));
    holder.appendChild(el("p", { "class": "lc-story" }, c.story));
    c.questions.forEach(function (q, n) {
      var fields = el("fieldset", { id: p + "q-" + q.id });
      var hint = q.multi && !/tick/i.test(q.ask) ? " (tick every one that applies)" : "";
      fields.appendChild(el("legend", {}, (n + 1) + ". " + q.ask + hint));
      q.options.forEach(function (label, i) {
        var id = p + "q-" + q.id + "-" + i;
        var row = el("div", { "class": "lc-option" });
        var input = el("input", { type: q.multi ? "checkbox" : "radio", name: p + "q-" + q.id, id: id, value: String(i) });
        row.appendChild(input);
        row.appendChild(el("label", { "for": id }, label));
        fields.appendChild(row);
      });
      holder.appendChild(fields);
    });
    this.byId("results").textContent = "";
    this.progress();
  };

  Cases.prototype.chosen = function (q) {
    var boxes = this.root.querySelectorAll('input[name="' + this.p + "q-" + q.id + '"]');
    var picked = [];
    Array.prototype.forEach.call(boxes, function (box) { if (box.checked) picked.push(Number(box.value)); });
    return picked;
  };

  Cases.prototype.check = function () {
    var c = this.data.cases[this.index], self = this, results = this.byId("results");
    results.textContent = "";
    var right = 0;
    c.questions.forEach(function (q, n) {
      var picked = self.chosen(q);
      var ok = picked.length === q.right.length && picked.every(function (i) { return q.right.indexOf(i) >= 0; });
      if (ok) right += 1;
      var verdict = !picked.length ? "Not answered" : (ok ? "Right" : "Not quite");
      var css = ok ? "lc-right" : "lc-wrong";
      var box = el("div", { "class": "lc-feedback " + css });
      var line = el("p");
      line.appendChild(el("span", { "class": "lc-verdict " + css }, (ok ? RIGHT : WRONG) + " " + verdict));
      line.appendChild(document.createTextNode(" \u00b7 " + (n + 1) + ". " + q.ask));
      box.appendChild(line);
      var body = el("div");
      body.innerHTML = q.explain;
      box.appendChild(body);
      results.appendChild(box);
    });
    var care = el("div");
    care.innerHTML = c.care;
    results.appendChild(care);
    this.done[this.index] = [right, c.questions.length];
    results.insertBefore(el("p", { "class": "lc-score" }, "This case: " + right + "/" + c.questions.length + "."), results.firstChild);
    this.progress();
  };

  Cases.prototype.progress = function () {
    var keys = Object.keys(this.done), right = 0, asked = 0, self = this;
    keys.forEach(function (k) { right += self.done[k][0]; asked += self.done[k][1]; });
    this.byId("progress").textContent = "Case " + (this.index + 1) + " of " + this.data.cases.length +
      (keys.length ? " \u00b7 this visit: " + right + "/" + asked + " right over " + keys.length +
        (keys.length === 1 ? " case" : " cases") : "");
  };

  function startAll() {
    Array.prototype.forEach.call(document.querySelectorAll("section.lc-cases"), function (root) {
      if (root.getAttribute("data-started")) return;
      root.setAttribute("data-started", "yes");
      new Cases(root);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
  else startAll();
})();
