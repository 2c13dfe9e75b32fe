/* Public portal: the IKU trend chart (capaian per quarter) from #portal-trend-data (json_script);
   the same numbers are in the table on the page. No inline scripts (strict CSP). */
(function () {
  "use strict";

  function draw() {
    var el = document.getElementById("portal-trend");
    var source = document.getElementById("portal-trend-data");
    if (!el || !source || typeof echarts === "undefined") {
      return;
    }
    var rows = JSON.parse(source.textContent || "[]");
    if (!rows.length) {
      return;
    }
    var quarters = [1, 2, 3, 4];
    var series = rows.map(function (row) {
      var byQuarter = {};
      row.quarters.forEach(function (q, i) { byQuarter[q] = row.capaian[i]; });
      return {
        name: row.name + (row.opd ? " (" + row.opd + ")" : ""),
        type: "line",
        connectNulls: false,
        data: quarters.map(function (q) { return byQuarter[q] == null ? null : byQuarter[q]; })
      };
    });
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 48, right: 16, top: 16, bottom: 56 },
      xAxis: { type: "category", data: quarters.map(function (q) { return "TW " + q; }) },
      yAxis: { type: "value", name: "%" },
      series: series
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.addEventListener("DOMContentLoaded", draw);
})();
