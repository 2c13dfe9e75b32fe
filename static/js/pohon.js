/* Pohon kinerja pages: the ECharts diagram and the accessible nested list (search, level filter,
   collapse/expand). Data comes from json_script (#pohon-data); no inline scripts (strict CSP). */
(function () {
  "use strict";

  function escapeHtml(text) {
    return String(text == null ? "" : text)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  // --- the diagram ---------------------------------------------------------------------------

  function shorten(text, max) {
    text = String(text || "");
    return text.length > max ? text.slice(0, max - 1) + "…" : text;
  }

  var PREDICATE_COLOURS = {
    sangat_tinggi: "#198754", tinggi: "#7cb342", sedang: "#ffc107", rendah: "#fd7e14",
    sangat_rendah: "#dc3545", none: "#adb5bd"
  };

  function bandColour(value) {
    var whole = value >= 0 ? Math.floor(value) : value;
    return whole >= 91 ? PREDICATE_COLOURS.sangat_tinggi : whole >= 76 ? PREDICATE_COLOURS.tinggi :
      whole >= 66 ? PREDICATE_COLOURS.sedang : whole >= 51 ? PREDICATE_COLOURS.rendah :
      PREDICATE_COLOURS.sangat_rendah;
  }

  function toChartNode(data) {
    var node = {
      name: shorten(data.name, 48),
      value: data.code,
      full: data,
      children: (data.children || []).map(toChartNode)
    };
    // Coloured by capaian where measurement feeds the tree (the measurement dashboards): the
    // five predicate bands of Permendagri 86/2017, as static/measurement/dashboards.css.
    var colour = data.predicate && PREDICATE_COLOURS[data.predicate] ? PREDICATE_COLOURS[data.predicate] :
      data.capaian != null ? bandColour(data.capaian) : null;
    if (colour) {
      // A filled dot in the band's colour (the default symbol is an empty circle).
      node.symbol = "circle";
      node.symbolSize = 12;
      node.itemStyle = { color: colour, borderColor: colour };
    }
    if (data.findings) {
      node.itemStyle = Object.assign({}, node.itemStyle, { borderColor: "#fd7e14", borderWidth: 3 });
    }
    return node;
  }

  function tooltip(params) {
    var d = params.data && params.data.full;
    if (!d) {
      return "";
    }
    var html = "<strong>" + escapeHtml(d.name) + "</strong>";
    if (d.opd) {
      html += "<br>" + escapeHtml(d.opd);
    }
    if (d.owner) {
      html += "<br>" + escapeHtml(d.owner);
    }
    if (d.capaian_text) {
      html += "<br>Capaian: <strong>" + escapeHtml(d.capaian_text) + "</strong>" +
        (d.predicate_label ? " (" + escapeHtml(d.predicate_label) + ")" : "");
    }
    (d.indicators || []).forEach(function (ind) {
      html += "<br>• " + escapeHtml(ind.name) + ": <strong>" + escapeHtml(ind.target || "–") +
        "</strong> " + escapeHtml(ind.unit);
      if (ind.capaian) {
        html += " → " + escapeHtml(ind.capaian) + "%";
      }
    });
    if (d.findings) {
      html += "<br>⚠ " + escapeHtml(d.findings);
    }
    return html;
  }

  function drawChart() {
    var el = document.getElementById("pohon-chart");
    var source = document.getElementById("pohon-data");
    if (!el || !source || typeof window.echarts === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    if (!data || !data.code) {
      return;
    }
    var chart = window.echarts.init(el);
    var layoutSelect = document.getElementById("pohon-layout");
    function render() {
      var radial = layoutSelect && layoutSelect.value === "radial";
      chart.setOption({
        tooltip: { trigger: "item", triggerOn: "mousemove", confine: true, formatter: tooltip },
        series: [{
          type: "tree",
          data: [toChartNode(data)],
          layout: radial ? "radial" : "orthogonal",
          orient: "LR",
          top: "6%", left: radial ? "2%" : "8%", bottom: "4%", right: radial ? "2%" : "22%",
          symbolSize: 9,
          roam: true,
          // Big trees open only their upper levels; a click opens the rest.
          initialTreeDepth: 3,
          expandAndCollapse: true,
          animationDuration: 300,
          // Inner nodes carry their label above the dot, so a parent's label never runs into
          // its own parent's; leaves keep theirs on the right.
          label: {
            position: "top", distance: 6, fontSize: 11, width: 170, overflow: "truncate"
          },
          leaves: {
            label: {
              position: radial ? "top" : "right", align: "left", verticalAlign: "middle",
              width: 240, overflow: "truncate"
            }
          }
        }]
      }, true);
    }
    render();
    if (layoutSelect) {
      layoutSelect.addEventListener("change", render);
    }
    window.addEventListener("resize", function () { chart.resize(); });
  }

  // --- the nested list -------------------------------------------------------------------------

  function setExpanded(item, open) {
    var button = item.querySelector(":scope > .pohon-node > .pohon-toggle");
    var group = item.querySelector(":scope > ul[role=group]");
    if (!button || !group) {
      return;
    }
    button.setAttribute("aria-expanded", open ? "true" : "false");
    item.setAttribute("aria-expanded", open ? "true" : "false");
    group.hidden = !open;
  }

  // A collapsed OPD statement of the Pemda-wide page (data-branch on its group) loads its
  // subtree the first time it is opened: an htmx GET whose rows go into the item's group and
  // whose statement details go out of band into the item's details box.
  function loadBranch(item) {
    var group = item.querySelector(":scope > ul[role=group][data-branch]");
    if (!group || group.hasAttribute("data-loaded") || typeof window.htmx === "undefined") {
      return;
    }
    group.setAttribute("data-loaded", "");
    item.setAttribute("aria-busy", "true");
    // A failed request (htmx does not swap an error response) says so in the placeholder and
    // lets the next opening try again.
    function failed() {
      item.removeAttribute("aria-busy");
      group.removeAttribute("data-loaded");
      var placeholder = group.querySelector(".pohon-loading");
      if (placeholder && group.getAttribute("data-error")) {
        placeholder.textContent = group.getAttribute("data-error");
      }
    }
    window.htmx.ajax("GET", group.getAttribute("data-branch"), { target: group, swap: "innerHTML" })
      .then(function () {
        if (group.querySelector(".pohon-loading")) {
          failed();
          return;
        }
        item.removeAttribute("aria-busy");
        applyFilters();
      }, failed);
  }

  function isUnloaded(item) {
    var group = item.querySelector(":scope > ul[role=group][data-branch]");
    return group && !group.hasAttribute("data-loaded");
  }

  function allItems() {
    return Array.prototype.slice.call(document.querySelectorAll("#pohon-lists .pohon-item"));
  }

  function highlight(span, term) {
    if (!span.hasAttribute("data-text")) {
      span.setAttribute("data-text", span.textContent);
    }
    var text = span.getAttribute("data-text");
    span.textContent = "";
    if (!term) {
      span.textContent = text;
      return;
    }
    var lower = text.toLowerCase();
    var at = 0;
    var found = lower.indexOf(term, at);
    while (found !== -1) {
      span.appendChild(document.createTextNode(text.slice(at, found)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(found, found + term.length);
      span.appendChild(mark);
      at = found + term.length;
      found = lower.indexOf(term, at);
    }
    span.appendChild(document.createTextNode(text.slice(at)));
  }

  function applyFilters() {
    var search = document.getElementById("pohon-search");
    var level = document.getElementById("pohon-level");
    var term = search ? search.value.trim().toLowerCase() : "";
    var wanted = level ? level.value : "";
    var items = allItems();
    var count = 0;
    items.forEach(function (item) {
      item.classList.remove("pohon-match", "pohon-hidden");
      var statement = item.querySelector(":scope > .pohon-node > .pohon-statement");
      if (statement) {
        highlight(statement, term);
      }
    });
    if (!term && !wanted) {
      document.getElementById("pohon-count").textContent = "";
      return;
    }
    items.forEach(function (item) {
      var node = item.querySelector(":scope > .pohon-node");
      var text = node ? node.textContent.toLowerCase() : "";
      var ok = (!term || text.indexOf(term) !== -1) &&
        (!wanted || item.getAttribute("data-level") === wanted);
      if (ok) {
        item.classList.add("pohon-match");
        count += 1;
      }
    });
    // Show matches with their ancestors (opened), hide the rest.
    items.forEach(function (item) {
      var visible = item.classList.contains("pohon-match") || item.querySelector(".pohon-match");
      if (!visible) {
        item.classList.add("pohon-hidden");
      } else if (item.querySelector(".pohon-match") && !isUnloaded(item)) {
        setExpanded(item, true);
      }
    });
    var status = document.getElementById("pohon-count");
    if (status) {
      status.textContent = count + " ✓";
    }
  }

  function initList() {
    var lists = document.getElementById("pohon-lists");
    if (!lists) {
      return;
    }
    lists.addEventListener("click", function (event) {
      var button = event.target.closest(".pohon-toggle");
      if (!button) {
        return;
      }
      var item = button.closest(".pohon-item");
      var open = button.getAttribute("aria-expanded") !== "true";
      if (open) {
        loadBranch(item);
      }
      setExpanded(item, open);
    });
    var expand = document.getElementById("pohon-expand");
    var collapse = document.getElementById("pohon-collapse");
    if (expand) {
      expand.addEventListener("click", function () {
        // Branches not loaded yet stay closed: opening them all would load every statement.
        allItems().forEach(function (item) {
          if (!isUnloaded(item)) {
            setExpanded(item, true);
          }
        });
      });
    }
    if (collapse) {
      collapse.addEventListener("click", function () {
        allItems().forEach(function (item) { setExpanded(item, false); });
      });
    }
    var timer = null;
    var search = document.getElementById("pohon-search");
    if (search) {
      search.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(applyFilters, 200);
      });
    }
    var level = document.getElementById("pohon-level");
    if (level) {
      level.addEventListener("change", applyFilters);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    initList();
    drawChart();
  });
})();
