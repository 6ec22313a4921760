// Sorting and filtering for ranking tables (table.ranking). Without it every table is the ranked
// table the page was built with; with it each numeric column header becomes a button that sorts by
// that column, and a box above the table keeps the rows whose name holds what is typed. Rows are
// moved, never rebuilt, so names (<bdi>) and links stay as they were.
(function () {
  // "1,234" → 1234, "12.5%" → 12.5, "−3" → -3; anything without a digit sorts last.
  function value(cell) {
    if (!cell) return -Infinity;
    var text = cell.textContent.replace(/\u2212/g, "-").replace(/[^0-9.\-]/g, "");
    var n = parseFloat(text);
    return isNaN(n) ? -Infinity : n;
  }

  function setUp(table, number) {
    var head = table.tHead && table.tHead.rows[0];
    var body = table.tBodies[0];
    if (!head || !body || body.rows.length < 2) return;
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, i) { row.setAttribute("data-order", i); });
    var headers = Array.prototype.slice.call(head.cells);

    headers.forEach(function (th, column) {
      if (!th.classList.contains("num")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        // The rank column sorts smallest first; other numbers largest first; a second click reverses.
        var first = column === 0 ? "ascending" : "descending";
        var now = th.getAttribute("aria-sort");
        var order = now === first ? (first === "ascending" ? "descending" : "ascending") : first;
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", order);
        var sign = order === "ascending" ? 1 : -1;
        var keyed = Array.prototype.slice.call(body.rows).map(function (row) {
          return { row: row, v: value(row.cells[column]), i: +row.getAttribute("data-order") };
        });
        keyed.sort(function (a, b) {
          if (a.v !== b.v) {
            if (a.v === -Infinity) return 1;
            if (b.v === -Infinity) return -1;
            return (a.v - b.v) * sign;
          }
          return a.i - b.i;
        });
        keyed.forEach(function (k) { body.appendChild(k.row); });
      });
    });

    var nameColumn = -1;
    if (rows[0]) {
      for (var c = 0; c < rows[0].cells.length; c++) {
        if (rows[0].cells[c].classList.contains("name")) { nameColumn = c; break; }
      }
    }
    if (nameColumn < 0) return;
    var wrap = table.parentNode.classList.contains("table-wrap") ? table.parentNode : table;
    var box = document.createElement("div");
    box.className = "filter";
    var id = "filter-" + number;
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = "Filter by name";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    var count = document.createElement("span");
    count.className = "count";
    count.setAttribute("aria-live", "polite");
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(count);
    wrap.parentNode.insertBefore(box, wrap);
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var hit = q === "" || row.cells[nameColumn].textContent.toLowerCase().indexOf(q) !== -1;
        row.hidden = !hit;
        if (hit) shown++;
      });
      count.textContent = q === "" ? "" : shown + " of " + rows.length + " rows";
    });
  }

  var tables = document.querySelectorAll("table.ranking");
  for (var i = 0; i < tables.length; i++) setUp(tables[i], i + 1);
})();
