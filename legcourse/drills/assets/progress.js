/* legcourse progress: every answer a learner gives in a drill of the book, kept in this browser
   only (localStorage; nothing is sent anywhere). The log of answers is the one record: the
   review page works out from it what is due (spaced repetition) and how well each compartment
   is known, and exports or imports it as a file.

   window.LegcourseProgress.record(muscleId, drill, ok)  appends one answer
   window.LegcourseProgress.events()                    the answers, oldest first
   window.LegcourseProgress.onChange(fn)                fn() after any change, in any tab */
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
    _load: load,
    _save: save,
    _changed: changed
  };
})();
