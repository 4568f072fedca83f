/* Amends web desk: keyboard shortcuts, ticking countdowns, the coach's "show me where" and the
   catalogue pick list. Everything works without this file; it only makes the desk quicker. */
(function () {
  "use strict";

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  /* Countdowns: rendered by the server, kept current here. */
  function span(ms) {
    var m = Math.floor(Math.abs(ms) / 60000), d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60), r = m % 60;
    return d ? d + "d " + h + "h" : h ? h + "h " + r + "m" : r + "m";
  }
  function tick() {
    var now = Date.now();
    document.querySelectorAll("time[data-due]").forEach(function (el) {
      var ms = Date.parse(el.getAttribute("data-due")) - now;
      if (isNaN(ms)) return;
      el.classList.remove("due-ok", "due-soon", "due-late");
      if (ms < 0) { el.classList.add("due-late"); el.textContent = span(ms) + " overdue"; }
      else { el.classList.add(ms < 3600000 ? "due-soon" : "due-ok"); el.textContent = "due in " + span(ms); }
    });
  }
  setInterval(tick, 30000);

  /* Queue: j/k move, Enter opens; the selection survives the periodic refresh. */
  var selectedCase = null;
  function rows() { return Array.prototype.slice.call(document.querySelectorAll(".queue-row")); }
  function select(row) {
    rows().forEach(function (r) { r.classList.remove("is-selected"); });
    if (!row) return;
    row.classList.add("is-selected");
    selectedCase = row.getAttribute("data-case");
    var link = row.querySelector("a");
    if (link) link.focus({ preventScroll: false });
  }
  function move(step) {
    var list = rows();
    if (!list.length) return;
    var i = list.findIndex(function (r) { return r.classList.contains("is-selected"); });
    if (i === -1) i = list.findIndex(function (r) { return r.contains(document.activeElement); });
    select(list[Math.max(0, Math.min(list.length - 1, i + step))] || list[0]);
  }
  document.addEventListener("htmx:afterSwap", function () {
    if (selectedCase) {
      var row = document.querySelector('.queue-row[data-case="' + selectedCase + '"]');
      if (row) row.classList.add("is-selected");
    }
    tick();
  });

  /* Coach: show where a suggestion applies (the evidence in the reply, or the customer's point). */
  function editor() { return document.getElementById("reply-body"); }
  function selectEvidence(list) {
    var ta = editor();
    if (!ta || !list || !list.length) return false;
    var text = ta.value.toLowerCase();
    for (var i = 0; i < list.length; i++) {
      var at = text.indexOf(String(list[i]).toLowerCase());
      if (at >= 0) {
        ta.focus();
        ta.setSelectionRange(at, at + String(list[i]).length);
        return true;
      }
    }
    return false;
  }
  function flash(el) {
    if (!el) return;
    el.classList.remove("flash-target");
    void el.offsetWidth;
    el.classList.add("flash-target");
  }
  document.addEventListener("click", function (ev) {
    var show = ev.target.closest(".show-span");
    if (show) {
      selectEvidence(JSON.parse(show.getAttribute("data-evidence") || "[]"));
      return;
    }
    var sug = ev.target.closest(".suggestion");
    if (sug) {
      var key = sug.getAttribute("data-target");
      var row = key && document.querySelector('#coach-panel [data-key="' + key + '"]');
      flash(row);
      var evidence = row ? JSON.parse(row.getAttribute("data-evidence") || "[]") : [];
      if (selectEvidence(evidence)) return;
      if (key === "reflection" || key === "empathy") {
        var marks = document.querySelectorAll("mark.point");
        if (marks.length) {
          marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
          marks.forEach(flash);
        }
      }
      var ta = editor();
      if (ta) { ta.focus(); }
      return;
    }
    if (ev.target.closest("[data-close-dialog]")) { help(false); }
  });

  /* Remedy form: picking a catalogue entry fills kind, value, extra and description. */
  document.addEventListener("change", function (ev) {
    var pick = ev.target.closest("select[data-catalogue]");
    if (!pick) return;
    var opt = pick.options[pick.selectedIndex];
    var form = pick.form;
    if (!opt || !opt.value || !form) return;
    form.elements.kind.value = opt.getAttribute("data-kind");
    form.elements.value.value = opt.getAttribute("data-value");
    form.elements.extra.checked = opt.getAttribute("data-extra") === "1";
    form.elements.description.value = opt.getAttribute("data-description");
    form.elements.value.dispatchEvent(new Event("change", { bubbles: true }));
  });

  /* Shortcut help dialog */
  function help(open) {
    var d = document.getElementById("shortcut-help");
    if (!d) return;
    d.hidden = !open;
    if (open) d.querySelector("button").focus();
  }

  var pendingG = false;
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { help(false); return; }
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(document.activeElement)) return;
    var k = ev.key;
    if (pendingG) { pendingG = false; if (k === "q") { window.location.href = "/"; ev.preventDefault(); } return; }
    if (k === "g") { pendingG = true; return; }
    if (k === "?") { help(true); ev.preventDefault(); return; }
    if (k === "/") {
      var q = document.getElementById("id_q");
      if (q) { q.focus(); q.select(); ev.preventDefault(); }
      return;
    }
    if (k === "j" || k === "k") {
      if (document.querySelector(".queue-row")) { move(k === "j" ? 1 : -1); ev.preventDefault(); }
      return;
    }
    if (k === "r" && editor()) { editor().focus(); editor().scrollIntoView({ block: "center" }); ev.preventDefault(); return; }
    if (k === "d") {
      var b = document.getElementById("insert-draft");
      if (b && !b.disabled) { b.click(); ev.preventDefault(); }
    }
  });
})();
