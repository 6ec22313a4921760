// Search over games and channels from search-index.js (the same entries as search.json, loaded
// with a script tag so it also works from file://). Pages work fully without it.
(function () {
  var box = document.querySelector(".search");
  if (!box) return;
  var root = box.getAttribute("data-root") || "";
  var input = box.querySelector("input");
  var list = box.querySelector(".results");
  var entries = null;
  box.hidden = false;

  function load() {
    if (entries || window.twitchStatsSearch) { entries = window.twitchStatsSearch; return; }
    var s = document.createElement("script");
    s.src = root + "search-index.js";
    s.onload = function () { entries = window.twitchStatsSearch || []; show(); };
    document.head.appendChild(s);
  }

  function show() {
    var q = input.value.trim().toLowerCase();
    list.textContent = "";
    if (!entries || q.length < 1) return;
    var hits = [];
    for (var i = 0; i < entries.length && hits.length < 12; i++) {
      var e = entries[i];
      if (e.n.toLowerCase().indexOf(q) !== -1 || (e.l && e.l.indexOf(q) !== -1)) hits.push(e);
    }
    hits.forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + e.u;
      a.textContent = e.n;
      var kind = document.createElement("small");
      kind.textContent = e.k === "g" ? "game" : "channel";
      a.appendChild(kind);
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", function () { load(); show(); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var a = list.querySelector("a"); if (a) { window.location.href = a.href; } }
    if (ev.key === "Escape") { input.value = ""; list.textContent = ""; }
  });
})();
