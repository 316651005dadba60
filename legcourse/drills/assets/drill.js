/* legcourse: plays the kernel-free labeling and identify drills of the static book (see
   legcourse/drills/inpage.py). Python ships the pools and rules (legcourse/drills/bank.py):
   which muscles a round may pin or highlight in each view, how far apart pins must be, where
   wrong names come from, and every muscle's feedback. This script draws rounds from them with a
   seeded random source, so rounds never run out, keeps the score and records each answer in
   window.LegcourseProgress (progress.js). No framework, nothing fetched. */
(function () {
  "use strict";
  if (window.legcourseStaticDrills) {
    window.legcourseStaticDrills.startAll();
    return;
  }
  var RIGHT = "\u2713", WRONG = "\u2717";
  var RECENT = 15; // a new round is never one of the last RECENT rounds of its view, if avoidable
  var ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"];

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function plural(n, noun) { return n + " " + noun + (n === 1 ? "" : "s"); }

  /* mulberry32: a small, well-mixed 32-bit generator; the same seed gives the same rounds. */
  function mulberry32(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /* k distinct elements of `list` in random order (as Python's random.sample). */
  function sample(list, k, random) {
    var copy = list.slice(), n = copy.length, out = [];
    for (var i = 0; i < Math.min(k, n); i++) {
      var j = i + Math.floor(random() * (n - i));
      var t = copy[i]; copy[i] = copy[j]; copy[j] = t;
      out.push(copy[i]);
    }
    return out;
  }

  function shuffled(list, random) { return sample(list, list.length, random); }

  /* bank.apart: the first muscles of `order` whose pins are at least `gap` from every pin
     chosen before, up to `most`. */
  function apart(order, anchors, gap, most) {
    var chosen = [];
    for (var i = 0; i < order.length && chosen.length < most; i++) {
      var a = anchors[order[i]];
      var clear = chosen.every(function (m) {
        var b = anchors[m];
        return Math.hypot(a[0] - b[0], a[1] - b[1]) >= gap;
      });
      if (clear) chosen.push(order[i]);
    }
    return chosen;
  }

  /* bank.identify_choices: the answer and up to `most - 1` wrong names, first from `first`,
     topped up from `then`, shuffled. */
  function identifyChoices(muscle, pools, most, random) {
    var wrong = sample(pools[0], most - 1, random);
    wrong = wrong.concat(sample(pools[1], most - 1 - wrong.length, random));
    return shuffled([muscle].concat(wrong), random);
  }

  function Drill(root) {
    this.root = root;
    this.p = root.getAttribute("data-prefix");
    this.token = root.getAttribute("data-token");
    this.data = JSON.parse(root.querySelector("script.lc-data").textContent);
    this.kind = this.data.kind;
    this.noun = this.data.noun;
    var seed = this.data.seed;
    if (seed === null || seed === undefined) seed = Math.floor(Math.random() * 4294967296);
    this.random = mulberry32(seed);
    this.roundNumber = 0;
    this.session = { score: 0, total: 0, rounds: 0 };
    this.toReview = new Map(); // key -> item, in the order first missed
    this.recent = {};          // view -> keys of its last rounds
    this.result = null;
    this.figures = {};         // label: view -> its figure, drawn once
    var self = this;
    this.view = this.data.view;
    this.mode = this.data.mode;
    this.byId("check").addEventListener("click", function () { self.check(); });
    this.byId("new").addEventListener("click", function () { self.newRound(); });
    this.byId("review").addEventListener("click", function () { self.review(); });
    this.byId("view").addEventListener("change", function (e) {
      self.view = e.target.value;
      self.newRound();
    });
    var mode = this.byId("mode");
    if (mode) mode.addEventListener("change", function (e) {
      self.mode = e.target.value;
      self.newRound();
    });
    this.newRound();
  }

  Drill.prototype.byId = function (name) { return document.getElementById(this.p + name); };

  // --- drawing rounds ---------------------------------------------------------------------

  Drill.prototype.labelRound = function () {
    var pool = this.data.pools[this.view];
    this.lastOrder = shuffled(pool.pool, this.random);
    var chosen = apart(this.lastOrder, pool.anchors, pool.gap, this.data.maxPins);
    var view = this.view;
    return chosen.map(function (m, i) { return { number: i + 1, muscle: m, view: view }; });
  };

  Drill.prototype.identifyRound = function () {
    var data = this.data, pools = data.pools, self = this;
    var views = this.view === "any" ? data.views.map(function (v) { return v.id; }) : [this.view];
    var targets = [];
    Object.keys(data.muscles).forEach(function (m) {
      if (views.some(function (v) { return pools[v].targets[m]; })) targets.push(m);
    });
    return sample(targets, data.n, this.random).map(function (m, i) {
      var showing = views.filter(function (v) { return pools[v].targets[m]; });
      var view = showing[Math.floor(self.random() * showing.length)];
      var choices = identifyChoices(m, pools[view].targets[m][self.mode], data.choices, self.random);
      return { number: i + 1, muscle: m, view: view, choices: choices };
    });
  };

  function roundKey(items) {
    return items.map(function (i) { return i.view + ":" + i.muscle; }).sort().join(",");
  }

  Drill.prototype.newRound = function () {
    var items, key, recent = this.recent[this.view] || (this.recent[this.view] = []);
    // A few redraws keep a recent round from coming back (a view with few muscles may have
    // no other round to give, and then repeats one).
    for (var tries = 0; tries < 25; tries++) {
      items = this.kind === "label" ? this.labelRound() : this.identifyRound();
      key = roundKey(items);
      if (recent.indexOf(key) < 0) break;
    }
    recent.push(key);
    if (recent.length > RECENT) recent.shift();
    this.start(items, false);
  };

  Drill.prototype.itemKey = function (item) {
    return this.kind === "label" ? item.view + ":" + item.muscle : item.muscle;
  };

  Drill.prototype.review = function () {
    var self = this, items = [];
    // As the notebook drill: only what was missed on the view shown can be pinned again.
    this.toReview.forEach(function (item) {
      if (self.kind !== "label" || item.view === self.view) items.push(item);
    });
    if (items.length === 0) {
      this.byId("message").textContent = this.session.total === 0
        ? "Nothing to review yet: answer a round and press Check first."
        : "Nothing to review: everything you missed has since been answered right.";
      return;
    }
    items = shuffled(items, this.random);
    this.start(items.map(function (item, i) {
      var again = Object.assign({}, item, { number: i + 1 });
      // The choices in a new order (as the widget drill reshuffles them), so a review round
      // does not teach positions.
      if (item.choices) again.choices = item.choices.slice(1).concat(item.choices.slice(0, 1));
      return again;
    }), true);
  };

  // --- showing a round --------------------------------------------------------------------

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

  Drill.prototype.title = function (view) {
    return this.data.views.filter(function (v) { return v.id === view; })[0].title;
  };

  Drill.prototype.question = function (item, choices, labelText, hint) {
    var p = this.p, n = item.number, self = this;
    var row = el("div", { "class": "lc-question", id: p + "q-" + n });
    row.appendChild(el("label", { "for": p + "answer-" + n }, labelText));
    var line = el("span", { "class": "lc-answerline" });
    var select = el("select", {
      id: p + "answer-" + n, "data-number": String(n), "aria-describedby": p + "where-" + n
    });
    select.appendChild(el("option", { value: "" }, "\u2014 choose \u2014"));
    var muscles = this.data.muscles;
    choices.forEach(function (m) { select.appendChild(el("option", { value: m }, muscles[m].name)); });
    line.appendChild(select);
    line.appendChild(el("span", { "class": "lc-verdict", id: p + "verdict-" + n }));
    row.appendChild(line);
    row.appendChild(el("p", { "class": "lc-where", id: p + "where-" + n }, hint));
    // A verdict belongs to the answer it judged: a changed answer loses it.
    select.addEventListener("change", function () {
      var verdict = self.byId("verdict-" + n);
      verdict.textContent = "";
      verdict.className = "lc-verdict";
      select.removeAttribute("aria-invalid");
    });
    select.addEventListener("focus", function () { self.activate(item, true); });
    select.addEventListener("blur", function () { self.activate(item, false); });
    return row;
  };

  /* Marks a question and its pin (or its card) as the one being answered. */
  Drill.prototype.activate = function (item, on) {
    var row = this.byId("q-" + item.number);
    if (row) row.classList.toggle("lc-active", on);
    if (this.kind !== "label") return;
    var spot = this.byId("spot-" + item.muscle), number = this.byId("spot-" + item.muscle + "-number");
    [spot, number].forEach(function (g) { if (g) g.classList.toggle("lc-pin-active", on); });
  };

  /* The line under each pin's menu, as landmarks.pin_hints words it: where the pin is, its
     nearest landmark and, when two pins would read alike, which of them it is counting from
     the top: no two lines are the same. */
  Drill.prototype.pinHints = function (items) {
    var pool = this.data.pools[this.view], groups = {}, hints = {};
    items.forEach(function (item) {
      var words = pool.where[item.muscle];
      var mark = pool.landmark[item.muscle];
      if (mark) words += ", nearest the " + mark;
      (groups[words] = groups[words] || []).push(item);
    });
    Object.keys(groups).forEach(function (words) {
      var group = groups[words];
      group.sort(function (a, b) {
        var pa = pool.anchors[a.muscle], pb = pool.anchors[b.muscle];
        return (pb[1] - pa[1]) || (pa[0] - pb[0]);
      });
      group.forEach(function (item, k) {
        var nth = k < ORDINALS.length ? ORDINALS[k] : "number " + (k + 1);
        var which = group.length > 1
          ? "; the " + nth + " of " + group.length + " pins there, counting from the top"
          : "";
        hints[item.number] = "Pin " + item.number + ": " + words + which + ".";
      });
    });
    return hints;
  };

  Drill.prototype.renderLabel = function (items, body) {
    var data = this.data, p = this.p, self = this, view = this.view;
    if (!this.figures[view]) {
      var label = this.title(view) + ", with numbered pins on the muscles to name. " +
        "Each pin's place is described under its answer menu.";
      var figure = el("figure", { "class": "lc-figure" });
      figure.appendChild(this.diagram(view, p, label));
      figure.appendChild(el("figcaption", {}, this.title(view)));
      this.figures[view] = figure;
    }
    var layout = el("div", { "class": "lc-layout" });
    var fields = el("fieldset", { "class": "lc-questions" });
    fields.appendChild(el("legend", {}, "Name the muscle under each pin"));
    layout.appendChild(fields); // the questions first: the keyboard reaches them first
    layout.appendChild(this.figures[view]);
    body.appendChild(layout); // in the page before the pins are looked up by id
    var spots = this.figures[view].querySelectorAll('[id^="' + p + 'spot-"]');
    Array.prototype.forEach.call(spots, function (g) {
      g.style.display = "none";
      g.classList.remove("lc-pin", "lc-pin-active");
    });
    var hints = this.pinHints(items);
    items.forEach(function (item) {
      var spot = self.byId("spot-" + item.muscle);
      var number = self.byId("spot-" + item.muscle + "-number");
      spot.style.display = "";
      number.style.display = "";
      number.querySelector("text").textContent = String(item.number);
      [spot, number].forEach(function (g) {
        g.classList.add("lc-pin");
        g.setAttribute("data-number", String(item.number));
      });
      fields.appendChild(self.question(item, data.pools[view].choices, "Pin " + item.number,
        hints[item.number]));
    });
    this.linkPins(this.figures[view]);
    this.sizePins(this.figures[view]);
  };

  /* Every shown pin at least PIN_PX across on the screen, whatever width the drawing gets (a
     touch target), and never smaller than drawn: its circle is redrawn about its centre. */
  var PIN_PX = 24;
  Drill.prototype.sizePins = function (figure) {
    var svg = figure.querySelector("svg"), self = this;
    var box = svg.viewBox.baseVal, shown = svg.getBoundingClientRect().width;
    if (!box || !box.width || !shown) return;
    var perPx = box.width / shown; // SVG units per CSS pixel
    (this.items || []).forEach(function (item) {
      var spot = self.byId("spot-" + item.muscle), path = spot && spot.querySelector("path");
      if (!path) return;
      if (!path.hasAttribute("data-r0")) {
        var b = path.getBBox();
        path.setAttribute("data-r0", String(b.width / 2));
        path.setAttribute("data-cx", String(b.x + b.width / 2));
        path.setAttribute("data-cy", String(b.y + b.height / 2));
      }
      var r = Math.max(Number(path.getAttribute("data-r0")), (PIN_PX / 2 + 0.25) * perPx);
      var x = Number(path.getAttribute("data-cx")), y = Number(path.getAttribute("data-cy"));
      path.setAttribute("d", "M " + (x - r) + " " + y + " a " + r + " " + r + " 0 1 0 " + 2 * r +
        " 0 a " + r + " " + r + " 0 1 0 " + -2 * r + " 0 z");
      path.removeAttribute("clip-path"); // a pin at the edge stays whole
    });
    if (!figure.lcResize && window.ResizeObserver) {
      figure.lcResize = new ResizeObserver(function () { self.sizePins(figure); });
      figure.lcResize.observe(figure);
    }
  };

  /* Pointing at a pin marks its question; clicking (tapping) it moves focus to its menu. */
  Drill.prototype.linkPins = function (figure) {
    if (figure.getAttribute("data-linked")) return;
    figure.setAttribute("data-linked", "1");
    var self = this;
    function pinOf(event) {
      var g = event.target.closest && event.target.closest(".lc-pin");
      if (!g) return null;
      var n = Number(g.getAttribute("data-number"));
      return self.items.filter(function (i) { return i.number === n; })[0] || null;
    }
    figure.addEventListener("click", function (event) {
      var item = pinOf(event);
      if (item) self.byId("answer-" + item.number).focus();
    });
    figure.addEventListener("mouseover", function (event) {
      var item = pinOf(event);
      if (item) self.activate(item, true);
    });
    figure.addEventListener("mouseout", function (event) {
      var item = pinOf(event);
      if (item && document.activeElement !== self.byId("answer-" + item.number)) {
        self.activate(item, false);
      }
    });
  };

  Drill.prototype.renderIdentify = function (items, body) {
    var data = this.data, self = this;
    var cards = el("div", { "class": "lc-cards" });
    body.appendChild(cards);
    items.forEach(function (item) {
      var prefix = self.p + "q" + item.number + "-";
      var where = data.pools[item.view].where[item.muscle];
      var title = self.title(item.view);
      var card = el("div", { "class": "lc-card", "data-view": item.view });
      cards.appendChild(card);
      var text = "Question " + item.number + ": which muscle is outlined and hatched?";
      var onView = /^the /i.test(title) ? title.charAt(0).toLowerCase() + title.slice(1)
        : "the " + title.charAt(0).toLowerCase() + title.slice(1);
      var hint = "Question " + item.number + ": on " + onView +
        ", the outlined muscle is in the " + where + ".";
      card.appendChild(self.question(item, item.choices, text, hint));
      var figure = el("figure", { "class": "lc-figure" });
      var label = title + ", with one muscle outlined in black and hatched, in the " + where + ".";
      figure.appendChild(self.diagram(item.view, prefix, label));
      figure.appendChild(el("figcaption", {}, title));
      card.appendChild(figure);
      self.highlight(figure, prefix, item.muscle);
    });
  };

  /* Thick outline (CSS class) plus a hatch laid over the colour: never colour alone. */
  Drill.prototype.highlight = function (figure, prefix, muscle) {
    var own = prefix + "muscle-" + muscle;
    var shapes = figure.querySelectorAll('[id^="' + own + '"]');
    Array.prototype.forEach.call(shapes, function (g) {
      if (g.id !== own && g.id.indexOf(own + "-") !== 0) return;
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
    if (this.kind === "label") this.renderLabel(items, body);
    else this.renderIdentify(items, body);
    this.byId("status").textContent = (reviewing ? "Review round " : "Round ") +
      this.roundNumber + ": " + plural(items.length, this.noun) + ".";
    this.byId("message").textContent = "";
    this.byId("feedback").textContent = "";
    this.showScore();
  };

  // --- checking ---------------------------------------------------------------------------

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
    var list = this.byId("feedback"), score = 0;
    var prompt = this.kind === "label" ? "Pin " : "Question ";
    var progress = window.LegcourseProgress;
    list.textContent = "";
    this.items.forEach(function (item) {
      var given = answers[item.number], right = given === item.muscle;
      var facts = self.data.muscles[item.muscle];
      score += right ? 1 : 0;
      if (right) self.toReview.delete(self.itemKey(item));
      else self.toReview.set(self.itemKey(item), item);
      if (given && progress) progress.record(item.muscle, self.kind, right);
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

  var drills = [];

  function startAll() {
    var roots = document.querySelectorAll(
      ".lc-static[data-kind=\"label\"]:not([data-lc-ready]), " +
      ".lc-static[data-kind=\"identify\"]:not([data-lc-ready])");
    Array.prototype.forEach.call(roots, function (root) {
      root.setAttribute("data-lc-ready", "1");
      drills.push(new Drill(root));
    });
  }

  // drills: the running drills, for tests; mulberry32, sample, apart: the rules, for tests.
  window.legcourseStaticDrills = {
    startAll: startAll, drills: drills, mulberry32: mulberry32, sample: sample, apart: apart
  };
  startAll();
})();
