/* Measurement dashboards: ECharts from the data in #dashboard-data (json_script); every chart's
   numbers are also in a table on the page. No inline scripts (strict CSP). */
(function () {
  "use strict";

  var BANDS = [
    [91, "#198754"], [76, "#7cb342"], [66, "#ffc107"], [51, "#fd7e14"], [-Infinity, "#dc3545"]
  ];

  function bandColour(value) {
    if (value == null) {
      return "#adb5bd";
    }
    var whole = value >= 0 ? Math.floor(value) : value;
    for (var i = 0; i < BANDS.length; i++) {
      if (whole >= BANDS[i][0]) {
        return BANDS[i][1];
      }
    }
    return "#dc3545";
  }

  function id(name) {
    return document.getElementById(name);
  }

  function fmt(value) {
    if (value == null) {
      return "–";
    }
    return Number(value).toLocaleString("id-ID", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  function init(el) {
    var chart = window.echarts.init(el);
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }

  function trends(data) {
    var box = id("trend-charts");
    if (!box) {
      return;
    }
    (data.trends || []).forEach(function (item) {
      var col = document.createElement("div");
      col.className = "col-md-6 col-xl-4";
      var el = document.createElement("div");
      el.className = "trend-chart";
      col.appendChild(el);
      box.appendChild(col);
      init(el).setOption({
        title: { text: item.name, textStyle: { fontSize: 12, width: 300, overflow: "truncate" } },
        tooltip: { trigger: "axis", valueFormatter: fmt },
        legend: { bottom: 0 },
        grid: { top: 40, bottom: 40, left: 50, right: 10 },
        xAxis: { type: "category", data: data.quarters },
        yAxis: { type: "value", name: item.unit },
        series: [
          { name: "Target", type: "line", data: item.target, connectNulls: true },
          { name: "Realisasi", type: "bar", data: item.realisation }
        ]
      });
    });
  }

  function budget(data) {
    var el = id("budget-chart");
    if (!el || !data.budget) {
      return;
    }
    init(el).setOption({
      tooltip: { trigger: "axis", valueFormatter: fmt },
      legend: { bottom: 0 },
      xAxis: { type: "category", data: data.quarters },
      yAxis: [{ type: "value", name: "Rp" }, { type: "value", name: "%", max: 100 }],
      series: [
        { name: "Realisasi (Rp)", type: "bar", data: data.budget.spent },
        { name: "Penyerapan kumulatif (%)", type: "line", yAxisIndex: 1, data: data.budget.absorption }
      ]
    });
  }

  function efficiency(data) {
    var el = id("efficiency-chart");
    if (!el || !data.efficiency) {
      return;
    }
    var names = data.efficiency.map(function (r) { return r.name; });
    init(el).setOption({
      tooltip: { trigger: "axis", valueFormatter: fmt },
      legend: { bottom: 0 },
      grid: { left: 10, right: 20, containLabel: true },
      yAxis: { type: "category", data: names, axisLabel: { width: 220, overflow: "truncate" } },
      xAxis: { type: "value", name: "%" },
      series: [
        { name: "Capaian (%)", type: "bar", data: data.efficiency.map(function (r) { return r.capaian; }) },
        { name: "Penyerapan (%)", type: "bar", data: data.efficiency.map(function (r) { return r.absorption; }) }
      ]
    });
  }

  function bars(elId, rows) {
    var el = id(elId);
    if (!el || !rows) {
      return;
    }
    init(el).setOption({
      tooltip: { trigger: "axis", valueFormatter: fmt },
      grid: { left: 10, right: 20, containLabel: true },
      yAxis: {
        type: "category", inverse: true,
        data: rows.map(function (r) { return r.name; }),
        axisLabel: { width: 220, overflow: "truncate" }
      },
      xAxis: { type: "value", name: "%" },
      series: [{
        name: "Capaian (%)", type: "bar",
        data: rows.map(function (r) {
          return { value: r.capaian, itemStyle: { color: bandColour(r.capaian) } };
        })
      }]
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var source = id("dashboard-data");
    if (!source || typeof window.echarts === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    trends(data);
    budget(data);
    efficiency(data);
    bars("ranking-chart", data.ranking);
    bars("iku-chart", data.iku);
  });
})();
