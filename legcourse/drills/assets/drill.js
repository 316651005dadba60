/* legcourse: plays the kernel-free drills of the static book (see legcourse/drills/static.py).
   Everything a learner reads (names, answers, reasons, links, rounds) was written by Python at
   build time into the drill's JSON; this script only compares chosen ids with answer ids,
   keeps the score and moves between rounds. No framework, nothing fetched. */
(function () {
  "use strict";
  if (window.legcourseStaticDrills) {
    window.legcourseStaticDrills.startAll();
    return;
  }
  var RIGHT = "\u2713", WRONG = "\u2717";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function plural(n, noun) { return n + " " + noun + (n === 1 ? "" : "s"); }

  function Drill(root) {
    this.root = root;
    this.p = root.getAttribute("data-prefix");
    this.token = root.getAttribute("data-token");
    this.data = JSON.parse(root.querySelector("script.lc-data").textContent);
    this.noun = this.data.noun;
    this.roundIndex = 0;
    this.roundNumber = 0;
    this.session = { score: 0, total: 0, rounds: 0 };
    this.toReview = new Map(); // muscle id -> item, in the order first missed
    this.result = null;
    var self = this;
    this.byId("check").addEventListener("click", function () { self.check(); });
    this.byId("new").addEventListener("click", function () { self.newRound(); });
    this.byId("review").addEventListener("click", function () { self.review(); });
    this.start(this.data.rounds[0], false);
  }

  Drill.prototype.byId = function (name) { return document.getElementById(this.p + name); };

  /* A copy of a view's SVG whose ids all start with `prefix`. */
  Drill.prototype.diagram = function (view, prefix, label) {
    var template = this.root.querySelector('template[data-view="' + view + '"]');
    var holder = el("div", { "class": "lc-diagram" });
    holder.innerHTML = template.innerHTML.split(this.token).join(prefix);
    var svg = holder.querySelector("svg");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", label);
    svg.setAttribute("focusable", "false");
    return holder;
  };

  Drill.prototype.select = function (number, choices, labelText, where) {
    var id = this.p + "answer-" + number;
    var row = el("div", { "class": "lc-question" });
    row.appendChild(el("label", { "for": id }, labelText));
    var select = el("select", { id: id, "data-number": String(number) });
    if (where) select.setAttribute("aria-describedby", this.p + "where-" + number);
    select.appendChild(el("option", { value: "" }, "\u2014 choose \u2014"));
    var muscles = this.data.muscles;
    choices.forEach(function (m) { select.appendChild(el("option", { value: m }, muscles[m].name)); });
    row.appendChild(select);
    row.appendChild(el("span", { "class": "lc-verdict", id: this.p + "verdict-" + number }));
    if (where) row.appendChild(el("p", { "class": "lc-where", id: this.p + "where-" + number }, where));
    return row;
  };

  /* Label the diagram: one diagram; the round's pins shown and numbered; a select per pin. */
  Drill.prototype.renderLabel = function (items, body) {
    var data = this.data, p = this.p;
    if (!this.figure) {
      var label = data.title + ", with numbered pins on the muscles to name. " +
        "Each pin's place is described next to its answer box.";
      this.figure = el("figure", { "class": "lc-figure" });
      this.figure.appendChild(this.diagram(data.view, p, label));
      this.figure.appendChild(el("figcaption", {}, data.title));
    }
    var layout = el("div", { "class": "lc-layout" });
    body.appendChild(layout); // in the page first, so getElementById finds the pins
    layout.appendChild(this.figure);
    var spots = this.figure.querySelectorAll('[id^="' + p + 'spot-"]');
    Array.prototype.forEach.call(spots, function (g) { g.style.display = "none"; });
    var fields = el("fieldset", { "class": "lc-questions" });
    fields.appendChild(el("legend", {}, "Name the muscle under each pin"));
    var self = this;
    items.forEach(function (item) {
      var spot = document.getElementById(p + "spot-" + item.muscle);
      var number = document.getElementById(p + "spot-" + item.muscle + "-number");
      spot.style.display = "";
      number.style.display = "";
      number.querySelector("text").textContent = String(item.number);
      var where = "Pin " + item.number + ": " + data.muscles[item.muscle].where + ".";
      fields.appendChild(self.select(item.number, data.choices, "Pin " + item.number, where));
    });
    layout.appendChild(fields);
  };

  /* Identify: a small diagram per question with its muscle outlined and hatched. */
  Drill.prototype.renderIdentify = function (items, body) {
    var data = this.data, self = this;
    var cards = el("div", { "class": "lc-cards" });
    body.appendChild(cards);
    items.forEach(function (item) {
      var prefix = self.p + "q" + item.number + "-";
      var where = data.where[item.view][item.muscle];
      var label = data.titles[item.view] + ", with one muscle outlined in black and hatched, in the " +
        where + ".";
      var card = el("div", { "class": "lc-card" });
      cards.appendChild(card);
      var figure = el("figure", { "class": "lc-figure" });
      figure.appendChild(self.diagram(item.view, prefix, label));
      figure.appendChild(el("figcaption", {}, data.titles[item.view]));
      card.appendChild(figure);
      self.highlight(figure, prefix, item.muscle);
      var text = "Question " + item.number + ": which muscle is outlined and hatched?";
      card.appendChild(self.select(item.number, item.choices, text,
        "Question " + item.number + ": the outlined muscle is in the " + where + "."));
    });
  };

  /* Thick outline (CSS class) plus a hatch laid over the colour: never colour alone. */
  Drill.prototype.highlight = function (figure, prefix, muscle) {
    var shapes = figure.querySelectorAll('[id^="' + prefix + "muscle-" + muscle + '"]');
    Array.prototype.forEach.call(shapes, function (g) {
      if (g.id !== prefix + "muscle-" + muscle && g.id.indexOf(prefix + "muscle-" + muscle + "-") !== 0) return;
      g.classList.add("lc-highlight");
      Array.prototype.forEach.call(g.querySelectorAll("path"), function (path) {
        var hatch = path.cloneNode(false);
        hatch.setAttribute("style", "fill: url(#" + prefix + "hatch); stroke: none");
        g.appendChild(hatch);
      });
      g.parentNode.appendChild(g); // drawn last, so on top of its neighbours
    });
  };

  Drill.prototype.start = function (items, reviewing) {
    this.items = items;
    this.reviewing = reviewing;
    this.result = null;
    this.roundNumber += 1;
    var body = this.byId("body");
    body.textContent = "";
    if (this.data.kind === "label") this.renderLabel(items, body);
    else this.renderIdentify(items, body);
    this.byId("status").textContent = (reviewing ? "Review round " : "Round ") +
      this.roundNumber + ": " + plural(items.length, this.noun) + ".";
    this.byId("message").textContent = "";
    this.byId("feedback").textContent = "";
    this.showScore();
  };

  Drill.prototype.newRound = function () {
    this.roundIndex = (this.roundIndex + 1) % this.data.rounds.length;
    this.start(this.data.rounds[this.roundIndex], false);
  };

  Drill.prototype.review = function () {
    if (this.toReview.size === 0) {
      this.byId("message").textContent = this.session.total === 0
        ? "Nothing to review yet: answer a round and press Check first."
        : "Nothing to review: everything you missed has since been answered right.";
      return;
    }
    var items = [];
    this.toReview.forEach(function (item) { items.push(item); });
    this.start(items.map(function (item, i) {
      var again = Object.assign({}, item, { number: i + 1 });
      // The choices in a new order (as the widget drill reshuffles them), so a review round
      // does not teach positions.
      if (item.choices) again.choices = item.choices.slice(1).concat(item.choices.slice(0, 1));
      return again;
    }), true);
  };

  Drill.prototype.check = function () {
    var self = this, message = this.byId("message");
    if (this.result) {
      message.textContent = "This round is already checked (" + this.result.score + "/" +
        this.result.total + "). Start a new round, or review your mistakes.";
      return;
    }
    var answers = {};
    this.items.forEach(function (item) {
      answers[item.number] = self.byId("answer-" + item.number).value;
    });
    if (this.items.every(function (item) { return !answers[item.number]; })) {
      message.textContent = "Nothing to check yet: answer at least one " + this.noun +
        ", then press Check.";
      return;
    }
    var list = this.byId("feedback"), score = 0, prompt = this.data.kind === "label" ? "Pin " : "Question ";
    list.textContent = "";
    this.items.forEach(function (item) {
      var given = answers[item.number], right = given === item.muscle;
      var facts = self.data.muscles[item.muscle];
      score += right ? 1 : 0;
      if (right) self.toReview.delete(item.muscle);
      else self.toReview.set(item.muscle, item);
      list.appendChild(self.feedback(prompt + item.number, given, right, facts));
      var verdict = self.byId("verdict-" + item.number);
      verdict.textContent = right ? RIGHT + " right" : WRONG + " wrong: " + facts.answer;
      verdict.className = "lc-verdict " + (right ? "lc-right" : "lc-wrong");
      self.byId("answer-" + item.number).setAttribute("aria-invalid", right ? "false" : "true");
    });
    var total = this.items.length;
    this.result = { score: score, total: total };
    this.session.score += score;
    this.session.total += total;
    this.session.rounds += 1;
    message.textContent = score === total ? "All " + total + " right." :
      score + "/" + total + " right. Review my mistakes repeats the " + (total - score) +
      " you missed.";
    this.showScore();
  };

  /* One answer's verdict: mark and words, the answer given, the right one, why, a link. */
  Drill.prototype.feedback = function (prompt, given, right, facts) {
    var li = el("li", { "class": right ? "lc-right" : "lc-wrong" });
    li.appendChild(el("strong", {}, (right ? RIGHT + " right, " : WRONG + " wrong, ") + prompt));
    var said = given ? "you said " + this.data.muscles[given].name : "no answer";
    li.appendChild(document.createTextNode(": " + said + ". "));
    if (!right) {
      li.appendChild(document.createTextNode("Answer: "));
      li.appendChild(el("strong", { "class": "lc-answer" }, facts.answer));
      li.appendChild(document.createTextNode(". "));
    }
    li.appendChild(el("span", { "class": "lc-reason" }, facts.reason + ". "));
    li.appendChild(el("a", { href: facts.link }, "Read about " + facts.answer));
    return li;
  };

  Drill.prototype.showScore = function () {
    var r = this.result, s = this.session;
    this.byId("score").textContent = r ? r.score + "/" + r.total : "-";
    this.byId("session").textContent = s.score + "/" + s.total;
    this.byId("rounds").textContent = plural(s.rounds, "round");
  };

  function startAll() {
    var roots = document.querySelectorAll(".lc-static:not([data-ready])");
    Array.prototype.forEach.call(roots, function (root) {
      root.setAttribute("data-ready", "1");
      new Drill(root);
    });
  }

  window.legcourseStaticDrills = { startAll: startAll };
  startAll();
})();
