/* Evaluation results: the ranking of the OPDs as a horizontal bar chart (this year's score, last
   year's beside it) from #results-chart-data (json_script); the same numbers are in the table on
   the page. No inline scripts (strict CSP). */
(function () {
  "use strict";

  function draw() {
    var el = document.getElementById("results-chart");
    var source = document.getElementById("results-chart-data");
    if (!el || !source || typeof echarts === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent || "{}");
    if (!data.names || !data.names.length) {
      return;
    }
    // One bar group per OPD: the chart grows with the ranking (CSSOM, allowed by the CSP).
    el.style.height = Math.max(240, 48 + data.names.length * 34) + "px";
    var hasPrevious = data.previous.some(function (v) { return v !== null; });
    var series = [{
      name: data.labels.score,
      type: "bar",
      data: data.scores,
      label: {
        show: true,
        position: "right",
        formatter: function (p) {
          return p.value.toLocaleString("id-ID", { minimumFractionDigits: 2 }) +
            " (" + data.grades[p.dataIndex] + ")";
        }
      }
    }];
    if (hasPrevious) {
      series.push({ name: data.labels.previous, type: "bar", data: data.previous });
    }
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { bottom: 0 },
      grid: { left: 8, right: 72, top: 8, bottom: 40, containLabel: true },
      xAxis: { type: "value", min: 0, max: 100 },
      yAxis: { type: "category", data: data.names },
      series: series
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.addEventListener("DOMContentLoaded", draw);
})();
