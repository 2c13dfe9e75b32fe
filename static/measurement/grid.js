/* The realisation grid's "paste from Excel": the user pastes cells copied from a spreadsheet
   (tab-separated lines) and the grid's inputs are filled; nothing is saved until the form is
   posted, so the page works the same without JavaScript (the panel stays hidden).

   Accepted layouts, line by line:
   - value, obstacle, solution: the n-th line goes to the n-th row of the grid (read-only rows
     keep their place and are skipped);
   - the indicator's number (as in the "No" column) or its name first, then value, obstacle,
     solution: the line goes to that row, whatever its position.
   A first line that reads like a header (No, Indikator, Realisasi, ...) is skipped. */
(function () {
  "use strict";

  var HEADERS = ["no", "no.", "indikator", "indicator", "realisasi", "realisation", "nilai", "value"];

  function norm(text) {
    return String(text || "").replace(/\s+/g, " ").trim().toLowerCase();
  }

  function parse(text) {
    return text
      .replace(/\r\n?/g, "\n")
      .split("\n")
      .filter(function (line) { return line.trim() !== ""; })
      .map(function (line) { return line.split("\t").map(function (c) { return c.trim(); }); });
  }

  function setField(row, name, value) {
    var input = row.querySelector('[data-field="' + name + '"]');
    if (!input || value === undefined) {
      return;
    }
    if (input.tagName === "SELECT") {
      var wanted = norm(value);
      Array.prototype.forEach.call(input.options, function (option) {
        if (norm(option.value) === wanted) {
          input.value = option.value;
        }
      });
    } else {
      input.value = value;
    }
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function apply(panel) {
    var rows = Array.prototype.slice.call(document.querySelectorAll("#entry-grid tbody tr[data-number]"));
    var byNumber = {};
    var byName = {};
    rows.forEach(function (row) {
      byNumber[row.getAttribute("data-number")] = row;
      byName[norm(row.getAttribute("data-name"))] = row;
    });
    var lines = parse(panel.querySelector("#paste-input").value);
    if (lines.length && HEADERS.indexOf(norm(lines[0][0])) !== -1) {
      lines.shift();
    }
    var filled = 0;
    var skipped = [];
    lines.forEach(function (cells, index) {
      var first = cells[0];
      var key = String(first).replace(/\.$/, "");
      var row = null;
      var values = cells;
      if (byName[norm(first)]) {
        row = byName[norm(first)];
        values = cells.slice(1);
      } else if (cells.length >= 2 && byNumber[key] && byName[norm(cells[1])]) {
        row = byNumber[key];
        values = cells.slice(2);
      } else if (cells.length >= 4 && byNumber[key]) {
        row = byNumber[key];
        values = cells.slice(1);
      } else {
        row = rows[index] || null;
      }
      if (!row || row.getAttribute("data-editable") !== "1") {
        skipped.push(index + 1);
        return;
      }
      setField(row, "value", values[0]);
      setField(row, "obstacle", values[1]);
      setField(row, "solution", values[2]);
      filled += 1;
    });
    var status = panel.querySelector("#paste-status");
    var message = status.getAttribute("data-msg-filled").replace("{count}", String(filled));
    if (skipped.length) {
      message += " " + status.getAttribute("data-msg-skipped").replace("{lines}", skipped.join(", "));
    }
    status.textContent = message;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.querySelector("[data-grid-paste]");
    if (!panel) {
      return;
    }
    panel.classList.remove("d-none");
    panel.querySelector("#paste-apply").addEventListener("click", function () {
      apply(panel);
    });
    // Pasting into the box fills the grid at once (the button repeats it after edits).
    panel.querySelector("#paste-input").addEventListener("paste", function () {
      window.setTimeout(function () { apply(panel); }, 0);
    });
  });
})();
