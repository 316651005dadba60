/* legcourse: plays the kernel-free clue and sort drills of the static book
   (legcourse/drills/inpage_text.py). Rounds are drawn here, from a seeded generator, out of
   every question Python wrote into the drill's JSON; each verdict (right or not, the answer,
   the note, the reason, the link) is the one Python worked out for that question and answer,
   except for typed names, which answers.js reads with Python's tables. No framework, nothing
   fetched. */
(function () {
  "use strict";
  if (window.legcourseTextDrills) {
    window.legcourseTextDrills.startAll();
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

  /* mulberry32: small, fast and good enough to draw questions; a seed gives the same rounds. */
  function generator(seed) {
    var state = seed >>> 0;
    return function () {
      state = (state + 0x6d2b79f5) >>> 0;
      var t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function seedOf(value) {
    if (typeof value === "number" && isFinite(value)) return Math.floor(value) >>> 0;
    if (typeof value === "string") { // FNV-1a of the text
      var h = 0x811c9dc5;
      for (var i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
      return h >>> 0;
    }
    return (Date.now() ^ Math.floor(Math.random() * 4294967296)) >>> 0; // no seed: afresh
  }

  function TextDrill(root) {
    this.root = root;
    this.p = root.getAttribute("data-prefix");
    this.data = JSON.parse(root.querySelector("script.lc-data").textContent);
    this.random = generator(seedOf(this.data.seed));
    this.roundNumber = 0;
    this.session = { score: 0, total: 0, rounds: 0 };
    this.confusions = new Map(); // "right\u0000given" -> count, in the order first seen
    this.toReview = new Map(); // item key -> item, in the order first missed
    this.result = null;
    if (this.data.kind === "clue") this.byMuscle = this.groupClues();
    var self = this;
    this.byId("form").addEventListener("submit", function (event) {
      event.preventDefault();
      self.check();
    });
    this.byId("new").addEventListener("click", function () { self.newRound(true); });
    this.byId("review").addEventListener("click", function () { self.review(); });
    if (this.data.kind === "clue") this.fillNames();
    this.newRound(false);
  }

  TextDrill.prototype.byId = function (name) { return document.getElementById(this.p + name); };

  TextDrill.prototype.pick = function (list) { return list[Math.floor(this.random() * list.length)]; };

  TextDrill.prototype.shuffled = function (list) {
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(this.random() * (i + 1)), t = copy[i];
      copy[i] = copy[j];
      copy[j] = t;
    }
    return copy;
  };

  /* {muscle: {kind: [clue numbers]}} */
  TextDrill.prototype.groupClues = function () {
    var by = {};
    this.data.clues.forEach(function (clue, k) {
      by[clue[0]] = by[clue[0]] || {};
      (by[clue[0]][clue[1]] = by[clue[0]][clue[1]] || []).push(k);
    });
    return by;
  };

  /* The names a name box suggests: every muscle, A to Z (as the widget's box does). */
  TextDrill.prototype.fillNames = function () {
    var list = this.byId("names"), muscles = this.data.names.muscles;
    Object.keys(muscles).map(function (m) { return muscles[m].name; }).sort().forEach(function (name) {
      list.appendChild(el("option", { value: name }));
    });
  };

  /* A fresh round: different muscles first (as ClueDrill and SortDrill draw them); a small
     compartment gets a second clue kind on the same muscle rather than a short round. */
  TextDrill.prototype.draw = function () {
    var n = this.data.n, items = [], self = this;
    if (this.data.kind === "sort") {
      return this.shuffled(Object.keys(this.data.muscles)).slice(0, n).map(function (m) {
        return { key: "sort " + m, muscle: m };
      });
    }
    var order = this.shuffled(Object.keys(this.byMuscle)), used = {}, added = true;
    while (items.length < n && added) {
      added = false;
      for (var i = 0; i < order.length && items.length < n; i++) {
        var m = order[i], kinds = Object.keys(self.byMuscle[m]).filter(function (k) {
          return !used[m + " " + k];
        });
        if (!kinds.length) continue;
        var kind = this.pick(kinds.sort());
        used[m + " " + kind] = true;
        items.push({ key: "clue " + kind + " " + m, muscle: m, clue: this.pick(this.byMuscle[m][kind]) });
        added = true;
      }
    }
    return items;
  };

  TextDrill.prototype.newRound = function (focus) { this.start(this.draw(), false, focus); };

  TextDrill.prototype.review = function () {
    if (this.toReview.size === 0) {
      this.byId("message").textContent = this.session.total === 0
        ? "Nothing to review yet: answer a round and press Check first."
        : "Nothing to review: everything you missed has since been answered right.";
      return;
    }
    this.start(this.shuffled(Array.from(this.toReview.values())), true, true);
  };

  TextDrill.prototype.start = function (items, reviewing, focus) {
    var self = this;
    this.items = items.map(function (item, i) { return Object.assign({}, item, { number: i + 1 }); });
    this.result = null;
    this.roundNumber += 1;
    var list = this.byId("questions");
    list.textContent = "";
    this.items.forEach(function (item) { list.appendChild(self.question(item)); });
    this.byId("status").textContent = (reviewing ? "Review round " : "Round ") + this.roundNumber +
      ": " + plural(this.items.length, this.data.noun) + ".";
    this.byId("message").textContent = "";
    this.byId("feedback").textContent = "";
    this.showScore();
    if (focus) this.byId("answer-1").focus();
  };

  /* One question: the clue (or muscle) as the label of its answer box, the mark beside it. */
  TextDrill.prototype.question = function (item) {
    var p = this.p, n = item.number, id = p + "answer-" + n, control;
    var row = el("li", { "class": "lc-question" });
    var label = el("label", { "for": id, "class": "lc-prompt" });
    label.appendChild(el("span", { "class": "lc-num" }, n + ". "));
    if (this.data.kind === "clue") {
      label.appendChild(document.createTextNode(this.data.clues[item.clue][2]));
      control = el("input", {
        type: "text", id: id, list: p + "names", placeholder: "type a muscle name",
        autocomplete: "off", autocapitalize: "off", spellcheck: "false"
      });
    } else {
      label.appendChild(document.createTextNode(this.data.muscles[item.muscle].prompt));
      control = el("select", { id: id });
      control.appendChild(el("option", { value: "" }, "\u2014 choose \u2014"));
      this.data.compartments.forEach(function (c) { control.appendChild(el("option", { value: c[0] }, c[1])); });
    }
    control.setAttribute("aria-describedby", p + "verdict-" + n);
    var line = el("div", { "class": "lc-answer-line" });
    line.appendChild(control);
    var verdict = el("span", { "class": "lc-verdict", id: p + "verdict-" + n });
    line.appendChild(verdict);
    // A verdict belongs to the answer it judged: it goes as soon as the answer changes.
    var clear = function () {
      verdict.textContent = "";
      verdict.className = "lc-verdict";
      control.removeAttribute("aria-invalid");
    };
    control.addEventListener("input", clear);
    control.addEventListener("change", clear);
    row.appendChild(label);
    row.appendChild(line);
    return row;
  };

  /* ClueDrill's verdict: the reading of the name, then Python's note for that muscle. */
  TextDrill.prototype.judgeClue = function (item, answer) {
    var data = this.data, clue = data.clues[item.clue], A = window.LegcourseAnswers;
    var reading = A.readMuscle(data.names, answer);
    var correct = reading.id !== null && clue[4].indexOf(reading.id) >= 0;
    var extra = data.notes[correct ? clue[5][reading.id] : clue[6]];
    var target = correct ? reading.id : item.muscle;
    var names = data.names.muscles;
    return {
      prompt: "Clue " + item.number,
      given: A.blank(answer) ? "" : A.strip(answer),
      correct: correct,
      answer: clue[3],
      reason: data.facts[target].reason,
      link: data.facts[target].link,
      note: [reading.note, extra].filter(Boolean).join(" "),
      confusion: reading.id !== null && !correct ? [names[item.muscle].name, names[reading.id].name] : null
    };
  };

  /* SortDrill's verdict, as Python wrote it for this muscle and compartment. */
  TextDrill.prototype.judgeSort = function (item, choice) {
    var data = this.data, muscle = data.muscles[item.muscle], label = "";
    data.compartments.forEach(function (c) { if (c[0] === choice) label = c[1]; });
    var correct = muscle.right.indexOf(choice) >= 0, note = muscle.notes[choice || ""];
    return {
      prompt: muscle.prompt,
      given: label,
      correct: correct,
      answer: muscle.answer,
      reason: muscle.reason,
      link: muscle.link,
      note: note === undefined ? "" : data.notes[note],
      confusion: label && !correct ? [muscle.name, label] : null
    };
  };

  TextDrill.prototype.judge = function (item, answer) {
    return this.data.kind === "clue" ? this.judgeClue(item, answer) : this.judgeSort(item, answer);
  };

  TextDrill.prototype.check = function () {
    var self = this, message = this.byId("message"), A = window.LegcourseAnswers;
    if (this.result) {
      message.textContent = "This round is already checked (" + this.result.score + "/" +
        this.result.total + "). Start a new round, or review your mistakes.";
      return;
    }
    var answers = {};
    this.items.forEach(function (item) { answers[item.number] = self.byId("answer-" + item.number).value; });
    if (this.items.every(function (item) { return A.blank(answers[item.number]); })) {
      message.textContent = "Nothing to check yet: answer at least one " + this.data.noun +
        ", then press Check.";
      return;
    }
    var list = this.byId("feedback"), score = 0;
    list.textContent = "";
    this.items.forEach(function (item) {
      var verdict = self.judge(item, answers[item.number]);
      score += verdict.correct ? 1 : 0;
      if (verdict.correct) self.toReview.delete(item.key);
      else self.toReview.set(item.key, item);
      if (verdict.confusion) {
        var pair = verdict.confusion.join("\u0000");
        self.confusions.set(pair, (self.confusions.get(pair) || 0) + 1);
      }
      if (!A.blank(answers[item.number]) && window.LegcourseProgress) {
        window.LegcourseProgress.record(item.muscle, self.data.record, verdict.correct);
      }
      list.appendChild(self.feedback(verdict));
      var mark = self.byId("verdict-" + item.number);
      mark.textContent = verdict.correct ? RIGHT + " right" : WRONG + " wrong: " + verdict.answer;
      mark.className = "lc-verdict " + (verdict.correct ? "lc-right" : "lc-wrong");
      self.byId("answer-" + item.number).setAttribute("aria-invalid", verdict.correct ? "false" : "true");
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

  /* One answer's verdict, worded as the widget's (legcourse.drills.render.feedback_html). */
  TextDrill.prototype.feedback = function (v) {
    var li = el("li", { "class": v.correct ? "lc-right" : "lc-wrong" });
    li.appendChild(el("strong", { "class": "lc-mark" }, (v.correct ? RIGHT + " right, " : WRONG + " wrong, ") + v.prompt));
    li.appendChild(document.createTextNode(": " + (v.given ? "you said " + v.given : "no answer") + ". "));
    if (!v.correct) {
      li.appendChild(document.createTextNode("Answer: "));
      li.appendChild(el("strong", { "class": "lc-answer" }, v.answer));
      li.appendChild(document.createTextNode(". "));
    }
    if (v.note && v.note !== window.LegcourseAnswers.NO_ANSWER) {
      li.appendChild(el("em", { "class": "lc-note" }, v.note));
      li.appendChild(document.createTextNode(" "));
    }
    li.appendChild(el("span", { "class": "lc-reason" }, v.reason + ". "));
    li.appendChild(el("a", { href: v.link }, "Read more"));
    return li;
  };

  TextDrill.prototype.showScore = function () {
    var r = this.result, s = this.session;
    this.byId("score").textContent = r ? r.score + "/" + r.total : "-";
    this.byId("session").textContent = s.score + "/" + s.total;
    this.byId("rounds").textContent = plural(s.rounds, "round");
    var pairs = Array.from(this.confusions.entries());
    pairs.sort(function (a, b) { return b[1] - a[1]; }); // stable: ties stay in first-seen order
    var words = this.data.kind === "clue" ? " answered as " : " put in the ";
    this.byId("confused").textContent = pairs.slice(0, 3).map(function (p) {
      var both = p[0].split("\u0000");
      return both[0] + words + both[1] + " (" + plural(p[1], "time") + ")";
    }).join("; ");
    this.byId("confused-line").hidden = pairs.length === 0;
  };

  function startAll() {
    var roots = document.querySelectorAll(".lc-text:not([data-ready])");
    Array.prototype.forEach.call(roots, function (root) {
      root.setAttribute("data-ready", "1");
      root.legcourseDrill = new TextDrill(root);
    });
  }

  window.legcourseTextDrills = { startAll: startAll };
  startAll();
})();
