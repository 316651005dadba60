/* legcourse review page: the answer log (progress.js) replayed through FSRS (ts-fsrs, vendored)
   into what is due today, what comes later and how well each compartment is known, with a short
   "Review now" drill and the progress file's save, load and delete. The rules are those of
   legcourse/drills/schedule.py (its docstring says why); the settings come from the page's data.
   Nothing is fetched and nothing is sent. */
(function () {
  "use strict";
  var DAY = 86400000;

  // --- days: a review belongs to the learner's own calendar day, replayed at noon UTC --------

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function dayKey(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function noon(key) {
    var p = key.split("-");
    return new Date(Date.UTC(+p[0], +p[1] - 1, +p[2], 12));
  }

  function addDays(key, n) {
    return new Date(noon(key).getTime() + n * DAY).toISOString().slice(0, 10);
  }

  function daysBetween(a, b) { return Math.round((noon(b) - noon(a)) / DAY); }

  // --- the schedule -----------------------------------------------------------------------

  function scheduler(rules) {
    return window.FSRS.fsrs(window.FSRS.generatorParameters({
      request_retention: rules.retention,
      maximum_interval: rules.maximum_interval,
      enable_fuzz: false,        // the same log always gives the same dates
      enable_short_term: false   // one review a day: no same-day learning steps
    }));
  }

  /* Each answered muscle's state on `today` (a day key): {last, due, isDue, stability,
     difficulty, retrievability, reviews, lapses}. */
  function schedule(events, today, rules) {
    var f = scheduler(rules);
    var Rating = window.FSRS.Rating;
    // One review per muscle and day: wrong if any answer that day was wrong (schedule.py).
    var daily = {};
    events.forEach(function (e) {
      var day = dayKey(new Date(e.t));
      var perMuscle = daily[e.m] || (daily[e.m] = {});
      perMuscle[day] = (perMuscle[day] === undefined ? true : perMuscle[day]) && e.ok;
    });
    var states = {};
    Object.keys(daily).forEach(function (m) {
      var days = Object.keys(daily[m]).sort();
      var card = window.FSRS.createEmptyCard(noon(days[0]));
      days.forEach(function (day) {
        card = f.next(card, noon(day), daily[m][day] ? Rating.Good : Rating.Again).card;
      });
      var last = days[days.length - 1];
      // FSRS's own interval for this stability (not ts-fsrs's four-button spreading): see
      // schedule.py; fuzz is off, so the elapsed days passed here change nothing.
      var due = addDays(last, f.next_interval(card.stability, 0));
      states[m] = {
        last: last,
        due: due,
        isDue: due <= today,
        stability: card.stability,
        difficulty: card.difficulty,
        retrievability: f.get_retrievability(card, noon(today), false),
        reviews: days.length,
        lapses: days.filter(function (d) { return !daily[m][d]; }).length
      };
    });
    return states;
  }

  window.LegcourseReview = window.LegcourseReview || { schedule: schedule, dayKey: dayKey };

  // --- small helpers for the page -----------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : (many || one + "s")); }

  function dateWords(key, today) {
    var n = daysBetween(today, key);
    var date = noon(key).toLocaleDateString(undefined,
      { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
    if (n === 1) return "Tomorrow (" + date + ")";
    return "In " + n + " days (" + date + ")";
  }

  function agoWords(key, today) {
    var n = daysBetween(key, today);
    return n === 0 ? "today" : n === 1 ? "yesterday" : n + " days ago";
  }

  function shuffled(list) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return a;
  }

  // --- one review page ---------------------------------------------------------------------

  function start(root) {
    var P = root.getAttribute("data-prefix");
    var data = JSON.parse(root.querySelector(".lc-rv-data").textContent);
    var progress = window.LegcourseProgress;
    var $ = function (id) { return document.getElementById(P + id); };
    var titles = {};
    data.compartments.forEach(function (c) { titles[c.id] = c.title; });
    var session = null;      // the Review now queue: fixed while the learner goes through it
    var recording = false;   // our own answer is being recorded: keep the question on screen

    function current() {
      var known = progress.events().filter(function (e) { return data.muscles[e.m]; });
      var today = dayKey(new Date());
      return { today: today, known: known, states: schedule(known, today, data.rules) };
    }

    function dueIds(plan) {
      return Object.keys(plan.states).filter(function (m) { return plan.states[m].isDue; })
        .sort(function (a, b) {
          var sa = plan.states[a], sb = plan.states[b];
          return sa.due < sb.due ? -1 : sa.due > sb.due ? 1 : sa.retrievability - sb.retrievability;
        });
    }

    function drillLinks() {
      var list = el("ul", { className: "lc-rv-drills" });
      data.drills.forEach(function (d) {
        list.appendChild(el("li", {}, [el("a", { href: d.link, text: d.title })]));
      });
      return list;
    }

    function renderDue(plan) {
      var summary = $("due-summary"), box = $("due");
      clear(summary);
      clear(box);
      var due = dueIds(plan);
      if (!plan.known.length) {
        summary.appendChild(el("p", { text: "You have not answered any drill in this browser " +
          "yet. Play one; each muscle you answer is then planned here." }));
        summary.appendChild(drillLinks());
        return;
      }
      if (!due.length) {
        var next = Object.keys(plan.states).map(function (m) { return plan.states[m].due; })
          .sort()[0];
        summary.appendChild(el("p", { text: "Nothing is due today. The next review: " +
          dateWords(next, plan.today).toLowerCase() + "." }));
        return;
      }
      summary.appendChild(el("p", { text: plural(due.length, "muscle is", "muscles are") +
        " due today. Answer them here, one at a time: each answer moves its muscle to a later " +
        "day." }));
      // The list is folded away so that the questions come first, on a phone too.
      var details = el("details", { className: "lc-rv-duelist" }, [
        el("summary", { text: "The " + plural(due.length, "muscle") + " due today, with " +
          "links to read about them" })
      ]);
      var list = el("ul", { className: "lc-rv-list" });
      due.forEach(function (m) {
        var s = plan.states[m], muscle = data.muscles[m];
        list.appendChild(el("li", { "data-muscle": m }, [
          el("a", { href: muscle.link, text: muscle.name }),
          el("span", { className: "lc-rv-meta",
            text: " · " + titles[muscle.compartment] + " · last answered " +
              agoWords(s.last, plan.today) +
              (s.lapses ? ", missed on " + plural(s.lapses, "day") : "") })
        ]));
      });
      details.appendChild(list);
      box.appendChild(details);
    }

    function renderLater(plan) {
      var box = $("later");
      clear(box);
      var byDay = {};
      Object.keys(plan.states).forEach(function (m) {
        var s = plan.states[m];
        if (!s.isDue) (byDay[s.due] = byDay[s.due] || []).push(m);
      });
      var days = Object.keys(byDay).sort();
      if (!days.length) {
        box.appendChild(el("p", { text: "Nothing is planned after today yet." }));
        return;
      }
      var shown = days.slice(0, 8);
      var list = el("ul", { className: "lc-rv-list" });
      shown.forEach(function (day) {
        var names = byDay[day].map(function (m) { return data.muscles[m].name; }).sort();
        list.appendChild(el("li", { "data-day": day }, [
          el("strong", { text: dateWords(day, plan.today) + ": " }), names.join(", ")
        ]));
      });
      box.appendChild(list);
      var rest = days.slice(shown.length).reduce(function (n, d) { return n + byDay[d].length; }, 0);
      if (rest) {
        box.appendChild(el("p", { text: "And " + plural(rest, "muscle") + " later, from " +
          dateWords(days[shown.length], plan.today).toLowerCase() + " on." }));
      }
    }

    function renderMastery(plan) {
      var box = $("mastery");
      clear(box);
      box.appendChild(el("p", { className: "lc-rv-explain", text: "Seen: muscles you have " +
        "answered at least once. Recall today: FSRS's estimate of the chance you would name them " +
        "now, on average. Memory lasts: how long after a review that chance stays above " +
        Math.round(data.rules.retention * 100) + "% (the middle value; it grows with each " +
        "right answer on a later day)." }));
      var list = el("ul", { className: "lc-rv-compartments" });
      data.compartments.forEach(function (c) {
        var seen = c.muscles.filter(function (m) { return plan.states[m]; });
        var item = el("li", { "data-compartment": c.id }, [
          el("a", { href: c.link, className: "lc-rv-ctitle", text: c.heading })
        ]);
        var share = seen.length / c.muscles.length;
        var bar = el("div", { className: "lc-rv-bar", "aria-hidden": "true" },
          [el("span", { style: "width:" + Math.round(share * 100) + "%" })]);
        item.appendChild(bar);
        var facts = ["Seen " + seen.length + " of " + c.muscles.length + " muscles."];
        if (seen.length) {
          var r = seen.reduce(function (t, m) { return t + plan.states[m].retrievability; }, 0);
          var st = seen.map(function (m) { return plan.states[m].stability; })
            .sort(function (a, b) { return a - b; });
          var mid = st.length % 2 ? st[(st.length - 1) / 2] :
            (st[st.length / 2 - 1] + st[st.length / 2]) / 2;
          var dueHere = seen.filter(function (m) { return plan.states[m].isDue; }).length;
          facts.push("Recall today: about " + Math.round(100 * r / seen.length) + "%.");
          facts.push("Memory lasts: " + (mid < 1.5 ? "about a day" :
            "about " + Math.round(mid) + " days") + ".");
          if (dueHere) facts.push(plural(dueHere, "muscle") + " due today.");
        } else {
          facts.push("Not started yet.");
        }
        item.appendChild(el("p", { className: "lc-rv-facts", text: facts.join(" ") }));
        list.appendChild(item);
      });
      box.appendChild(list);
    }

    // --- Review now --------------------------------------------------------------------------

    function startSession(plan, queue) {
      session = { queue: queue || dueIds(plan), index: 0, right: 0, missed: [], checked: false };
      renderQuestion();
    }

    function choicesFor(m) {
      // The closest muscles (same compartment first: the likely confusions), a few at random.
      var pool = shuffled(data.muscles[m].others);
      return shuffled([m].concat(pool.slice(0, data.choices - 1)));
    }

    function renderQuestion() {
      var box = $("now");
      clear(box);
      if (!session.queue.length || session.index >= session.queue.length) {
        if (session.queue.length) {
          box.appendChild(el("p", { className: "lc-rv-done", text: "Review done: " +
            session.right + " of " + session.queue.length + " right. What you missed comes " +
            "back tomorrow; what you knew, after a longer gap." }));
          if (session.missed.length) {
            // Asking again at once helps the names stick; the plan stays as it is (a miss
            // today already brings the muscle back tomorrow).
            var again = el("button", { type: "button", id: P + "again",
              text: "Ask again the " + plural(session.missed.length, "one") + " I missed" });
            again.addEventListener("click", function () {
              startSession(null, session.missed);
              var first = box.querySelector("input");
              if (first) first.focus();
            });
            box.appendChild(el("div", { className: "lc-rv-buttons" }, [again]));
          }
        }
        return;  // nothing due: the summary above says so
      }
      var m = session.queue[session.index];
      var muscle = data.muscles[m];
      var name = P + "choice";
      var fieldset = el("fieldset", { className: "lc-rv-question", "data-muscle": m }, [
        el("legend", { text: "Question " + (session.index + 1) + " of " + session.queue.length +
          ": which muscle is this?" })
      ]);
      var facts = el("dl", { className: "lc-rv-clue" });
      [["Starts at", muscle.clue.origin], ["Ends at", muscle.clue.insertion],
        ["Nerve", muscle.clue.nerve]].forEach(function (pair) {
        facts.appendChild(el("dt", { text: pair[0] }));
        facts.appendChild(el("dd", { text: pair[1] }));
      });
      fieldset.appendChild(facts);
      var options = el("div", { className: "lc-rv-options" });
      choicesFor(m).forEach(function (c, i) {
        var id = P + "choice-" + i;
        options.appendChild(el("div", { className: "lc-rv-option" }, [
          el("input", { type: "radio", name: name, id: id, value: c }),
          el("label", { "for": id, text: data.muscles[c].name })
        ]));
      });
      fieldset.appendChild(options);
      box.appendChild(fieldset);
      var verdict = el("p", { className: "lc-rv-verdict", id: P + "verdict",
        "aria-live": "polite" });
      var check = el("button", { type: "button", className: "lc-rv-check", id: P + "check",
        text: "Check" });
      var next = el("button", { type: "button", id: P + "next", text:
        session.index + 1 < session.queue.length ? "Next question" : "Finish", hidden: "" });
      box.appendChild(el("div", { className: "lc-rv-buttons" }, [check, next]));
      box.appendChild(verdict);
      options.addEventListener("change", function () {
        if (!session.checked) verdict.textContent = "";
      });
      check.addEventListener("click", function () {
        var chosen = box.querySelector("input[name='" + name + "']:checked");
        if (!chosen) { verdict.textContent = "Choose a name first."; return; }
        var ok = chosen.value === m;
        session.checked = true;
        if (ok) session.right++;
        else session.missed.push(m);
        box.querySelectorAll("input[name='" + name + "']").forEach(function (r) {
          r.disabled = true;
        });
        clear(verdict);
        verdict.className = "lc-rv-verdict " + (ok ? "lc-rv-right" : "lc-rv-wrong");
        verdict.appendChild(document.createTextNode(ok ? "✓ Right: " + muscle.name + ". " :
          "✗ Not quite: this is " + muscle.name + ", not " + data.muscles[chosen.value].name +
          ". "));
        verdict.appendChild(el("a", { href: muscle.link, text: "Read about " + muscle.name }));
        recording = true;
        try { progress.record(m, "review", ok); } finally { recording = false; }
        check.hidden = true;
        next.hidden = false;
        next.focus();
      });
      next.addEventListener("click", function () {
        session.index++;
        session.checked = false;
        renderQuestion();
        var first = box.querySelector("input, p");
        if (first && first.tagName === "INPUT") first.focus();
      });
    }

    // --- the progress file -----------------------------------------------------------------

    function say(text, isError) {
      var status = $("file-status");
      status.textContent = text;
      status.className = "lc-rv-status" + (isError ? " lc-rv-error" : "");
    }

    $("export").addEventListener("click", function () {
      var count = progress.events().length;
      var blob = new Blob([progress.exportText()], { type: "application/json" });
      var url = URL.createObjectURL(blob);
      var name = "legcourse-progress-" + dayKey(new Date()) + ".json";
      var link = el("a", { href: url, download: name });
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      say("Saved " + plural(count, "answer") + " as " + name + ".");
    });

    $("import").addEventListener("change", function (event) {
      var input = event.target;
      var file = input.files && input.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var result = progress.merge(progress.parse(text));
        say("Loaded " + file.name + ": " + plural(result.added, "new answer") + " added; " +
          "you now have " + plural(result.total, "answer") + ".");
      }).catch(function (error) {
        say(error.message + " Your progress is unchanged.", true);
      }).then(function () { input.value = ""; });
    });

    $("reset").addEventListener("click", function () {
      var count = progress.events().length;
      $("confirm-text").textContent = count ?
        "This deletes all " + plural(count, "answer") + " kept in this browser, and the " +
        "review plan starts again from nothing. Save a file first if you may want them back." :
        "There is no progress to delete in this browser.";
      $("confirm-yes").hidden = !count;
      $("confirm").hidden = false;
      $("confirm-no").focus();
    });
    $("confirm-no").addEventListener("click", function () {
      $("confirm").hidden = true;
      $("reset").focus();
    });
    $("confirm-yes").addEventListener("click", function () {
      progress.reset();
      $("confirm").hidden = true;
      say("All progress in this browser was deleted.");
      $("reset").focus();
    });

    // --- keep everything in step with the log ---------------------------------------------

    function refresh() {
      var plan = current();
      renderDue(plan);
      renderLater(plan);
      renderMastery(plan);
      return plan;
    }

    progress.onChange(function () {
      var plan = refresh();
      // A new import, a reset or another tab: start Review now again, unless it is our own
      // answer being recorded (its feedback stays until Next).
      if (!recording) startSession(plan);
    });
    startSession(refresh());
    root.setAttribute("data-ready", "true");
  }

  function startAll() {
    document.querySelectorAll("section.lc-review:not([data-ready])").forEach(start);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
  else startAll();
})();
