/* legcourse: reading a typed muscle name in the page, as legcourse.core.answers.read_muscle
   reads it in Python. Only the algorithm lives here (normal form, known misspellings, one
   slipped letter, difflib's close matches); every table (names, other names, group names,
   misspellings, the shortest name read through a typo) comes from Python
   (legcourse.drills.textdata.name_index). tests/test_inpage_text_drills.py runs the same
   answers through both and wants the same readings.

   window.LegcourseAnswers.readMuscle(index, answer) -> {id: muscle id or null, note: text} */
(function () {
  "use strict";
  if (window.LegcourseAnswers) return;

  var NO_ANSWER = "No answer.";
  // The characters Python's str.strip() and str.split() treat as white space.
  var PY_SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var STRIP = new RegExp("^[" + PY_SPACE + "]+|[" + PY_SPACE + "]+$", "g");
  var NOISE = /[^a-z0-9 ]+/g, LEADING = /^(the|m|musculus|muscle) /, TRAILING = / (muscle|muscles|m)$/;

  function strip(text) { return String(text).replace(STRIP, ""); }

  function blank(answer) { return answer === null || answer === undefined || !strip(answer); }

  /* names.normalise */
  function normalise(name) {
    var text = String(name).normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase();
    text = text.replace(/'/g, "").replace(NOISE, " ");
    text = text.split(" ").filter(Boolean).join(" ");
    return text.replace(LEADING, "").replace(TRAILING, "");
  }

  /* names.correct_spelling */
  function correctSpelling(index, name) {
    var text = normalise(name).split(" ").filter(Boolean).map(function (word) {
      return Object.prototype.hasOwnProperty.call(index.words, word) ? index.words[word] : word;
    }).join(" ");
    index.phrases.forEach(function (pair) {
      text = text.replace(new RegExp("\\b" + pair[0] + "\\b", "g"), pair[1]);
    });
    return text;
  }

  /* names.one_typo_apart */
  function oneTypoApart(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i;
    if (a.length === b.length) {
      var diff = [];
      for (i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
      if (diff.length === 1) return true;
      i = diff[0];
      return diff.length === 2 && diff[1] === i + 1 && a[i] === b[i + 1] && a[i + 1] === b[i];
    }
    var short = a.length < b.length ? a : b, long = a.length < b.length ? b : a;
    for (i = 0; i < short.length && short[i] === long[i]; i++) { /* the first difference */ }
    return short.slice(i) === long.slice(i + 1);
  }

  /* names.typo_match */
  function typoMatch(index, name, keys) {
    var text = correctSpelling(index, name);
    if (text.length < index.typoMin) return null;
    var near = keys.filter(function (key) {
      return key.length >= index.typoMin && oneTypoApart(text, key);
    });
    return near.length === 1 ? near[0] : null;
  }

  /* difflib.SequenceMatcher(None, a, b).ratio(), as CPython computes it. */
  function ratio(a, b) {
    var b2j = new Map(), i, j;
    for (j = 0; j < b.length; j++) {
      if (!b2j.has(b[j])) b2j.set(b[j], []);
      b2j.get(b[j]).push(j);
    }
    if (b.length >= 200) { // autojunk: characters in more than 1% of a long b are ignored
      var ntest = Math.floor(b.length / 100) + 1;
      Array.from(b2j.keys()).forEach(function (c) { if (b2j.get(c).length > ntest) b2j.delete(c); });
    }
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, bestsize = 0, j2len = new Map();
      for (var i = alo; i < ahi; i++) {
        var next = new Map(), js = b2j.get(a[i]) || [];
        for (var n = 0; n < js.length; n++) {
          var j = js[n];
          if (j < blo) continue;
          if (j >= bhi) break;
          var k = (j2len.get(j - 1) || 0) + 1;
          next.set(j, k);
          if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
        }
        j2len = next;
      }
      // Grow the match over characters b2j left out (the popular ones of a long b).
      while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
        besti--; bestj--; bestsize++;
      }
      while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) {
        bestsize++;
      }
      return [besti, bestj, bestsize];
    }
    var matches = 0, queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3]);
      i = m[0]; j = m[1];
      var k = m[2];
      if (k) {
        matches += k;
        if (q[0] < i && q[2] < j) queue.push([q[0], i, q[2], j]);
        if (i + k < q[1] && j + k < q[3]) queue.push([i + k, q[1], j + k, q[3]]);
      }
    }
    var length = a.length + b.length;
    return length ? 2.0 * matches / length : 1.0;
  }

  /* difflib.get_close_matches: best score first, ties by the larger string (heapq.nlargest
     on (score, string) pairs). */
  function closeMatches(word, possibilities, n, cutoff) {
    var scored = [];
    possibilities.forEach(function (x) {
      var score = ratio(x, word);
      if (score >= cutoff) scored.push([score, x]);
    });
    scored.sort(function (p, q) {
      if (p[0] !== q[0]) return q[0] - p[0];
      return p[1] < q[1] ? 1 : p[1] > q[1] ? -1 : 0;
    });
    return scored.slice(0, n).map(function (p) { return p[1]; });
  }

  /* names.closest */
  function closest(index, name, candidates, n, cutoff) {
    var byKey = new Map();
    candidates.forEach(function (c) { var k = normalise(c); if (!byKey.has(k)) byKey.set(k, c); });
    var keys = closeMatches(correctSpelling(index, name), Array.from(byKey.keys()), n, cutoff);
    return keys.map(function (k) { return byKey.get(k); });
  }

  function owner(index, key) {
    if (Object.prototype.hasOwnProperty.call(index.muscleKeys, key)) return { muscle: index.muscleKeys[key] };
    if (Object.prototype.hasOwnProperty.call(index.groupKeys, key)) return { group: index.groupKeys[key] };
    return null;
  }

  /* Catalog.suggest: the names of up to three muscles or groups that look most like it. */
  function suggest(index, name) {
    var keys = Object.keys(index.muscleKeys).concat(Object.keys(index.groupKeys));
    var found = [];
    closest(index, name, keys, 9, 0.6).forEach(function (key) {
      var who = owner(index, key);
      var label = who.muscle ? index.muscles[who.muscle].name : index.groups[who.group].label;
      if (found.indexOf(label) < 0) found.push(label);
    });
    return found.slice(0, 3);
  }

  function quote(text) { return "\u201c" + text + "\u201d"; }

  function either(words) {
    return words.length === 1 ? words[0] : words.slice(0, -1).join(", ") + " or " + words[words.length - 1];
  }

  /* answers.read_muscle */
  function readMuscle(index, answer) {
    if (blank(answer)) return { id: null, note: NO_ANSWER };
    var text = strip(answer);
    var who = owner(index, normalise(text)) || owner(index, correctSpelling(index, text));
    if (who && who.group) {
      return { id: null, note: quote(text) + " names a group (" +
        index.groups[who.group].members.join(", ") + "), not one muscle." };
    }
    if (!who) {
      var key = typoMatch(index, text, Object.keys(index.muscleKeys));
      if (key) {
        var id = index.muscleKeys[key], spelled = index.muscles[id].name;
        return { id: id, note: "Read as " + spelled + ": it is spelled " + quote(spelled) + "." };
      }
      var near = suggest(index, text);
      var hint = near.length ? " Did you mean " + either(near) + "?" : "";
      return { id: null, note: "No muscle is called " + quote(text) + "." + hint };
    }
    var muscle = index.muscles[who.muscle], given = normalise(text);
    if (muscle.plain.indexOf(given) >= 0) return { id: who.muscle, note: "" };
    if (muscle.other.indexOf(given) >= 0) {
      return { id: who.muscle, note: quote(text) + " is another name for " + muscle.name + "." };
    }
    return { id: who.muscle, note: "Read as " + muscle.name + ": it is spelled " + quote(muscle.name) + "." };
  }

  window.LegcourseAnswers = {
    NO_ANSWER: NO_ANSWER,
    blank: blank,
    strip: strip,
    normalise: normalise,
    correctSpelling: correctSpelling,
    oneTypoApart: oneTypoApart,
    ratio: ratio,
    closeMatches: closeMatches,
    readMuscle: readMuscle
  };
})();
