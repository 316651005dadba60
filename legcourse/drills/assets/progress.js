/* legcourse progress: every answer a learner gives in a drill of the book, kept in this browser
   only (localStorage; nothing is sent anywhere). The log of answers is the one record: the
   review page works out from it what is due (spaced repetition) and how well each compartment
   is known, and exports or imports it as a file.

   window.LegcourseProgress.record(muscleId, drill, ok)  appends one answer
   window.LegcourseProgress.events()                    the answers, oldest first
   window.LegcourseProgress.onChange(fn)                fn() after any change, in any tab
   window.LegcourseProgress.exportText()                the log as the text of a progress file
   window.LegcourseProgress.parse(text)                 a progress file's answers, or throws an
                                                        Error saying what is wrong with it
   window.LegcourseProgress.merge(events)               adds answers not already kept; {added, total}
   window.LegcourseProgress.reset()                     deletes every answer kept here */
(function () {
  "use strict";
  if (window.LegcourseProgress) return;
  var KEY = "legcourse.progress.v1";
  var listeners = [];

  function empty() { return { version: 1, events: [] }; }

  function load() {
    try {
      var data = JSON.parse(window.localStorage.getItem(KEY) || "null");
      if (data && data.version === 1 && Array.isArray(data.events)) return data;
    } catch (e) { /* storage off or unreadable: start empty, never break the drill */ }
    return empty();
  }

  function save(data) {
    try { window.localStorage.setItem(KEY, JSON.stringify(data)); return true; }
    catch (e) { return false; }
  }

  function changed() { listeners.forEach(function (fn) { fn(); }); }

  // One answer, as a file may hold it: the same fields record() writes.
  function validEvent(e) {
    return !!e && typeof e === "object" && typeof e.m === "string" && e.m !== "" &&
      typeof e.d === "string" && typeof e.ok === "boolean" &&
      typeof e.t === "number" && isFinite(e.t) && e.t >= 0;
  }

  // The same answer twice (a file loaded again, or a copy of this browser's own log).
  function eventKey(e) { return [e.m, e.d, e.ok ? 1 : 0, e.t].join("|"); }

  function parse(text) {
    var data;
    try { data = JSON.parse(text); }
    catch (e) { throw new Error("This file is not a legcourse progress file (it is not JSON)."); }
    if (!data || typeof data !== "object" || !Array.isArray(data.events)) {
      throw new Error("This file is not a legcourse progress file (it has no list of answers).");
    }
    if (data.version !== 1) {
      throw new Error("This progress file has version " + JSON.stringify(data.version) +
        "; this book reads version 1.");
    }
    for (var i = 0; i < data.events.length; i++) {
      if (!validEvent(data.events[i])) {
        throw new Error("Answer " + (i + 1) + " of this file is damaged (it needs a muscle, " +
          "a drill, right or wrong, and a time); nothing was loaded.");
      }
    }
    return data.events.map(function (e) { return { m: e.m, d: e.d, ok: e.ok, t: e.t }; });
  }

  function merge(events) {
    var data = load();
    var seen = {};
    data.events.forEach(function (e) { seen[eventKey(e)] = true; });
    var added = 0;
    events.forEach(function (e) {
      var key = eventKey(e);
      if (!seen[key]) { seen[key] = true; data.events.push(e); added++; }
    });
    data.events.sort(function (a, b) { return a.t - b.t; });
    if (added && !save(data)) throw new Error("This browser would not store the answers.");
    if (added) changed();
    return { added: added, total: data.events.length };
  }

  function reset() {
    try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing kept, nothing to do */ }
    changed();
  }

  function exportText() {
    var data = load();
    return JSON.stringify({ version: 1, exported: new Date().toISOString(),
      events: data.events }, null, 1);
  }

  window.addEventListener("storage", function (event) { if (event.key === KEY) changed(); });

  window.LegcourseProgress = {
    KEY: KEY,
    record: function (muscleId, drill, ok) {
      var data = load();
      data.events.push({ m: String(muscleId), d: String(drill), ok: !!ok, t: Date.now() });
      var saved = save(data);
      changed();
      return saved;
    },
    events: function () { return load().events.slice(); },
    onChange: function (fn) { listeners.push(fn); },
    exportText: exportText,
    parse: parse,
    merge: merge,
    reset: reset,
    _load: load,
    _save: save,
    _changed: changed
  };
})();
