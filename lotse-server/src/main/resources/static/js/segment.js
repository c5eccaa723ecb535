// Draws a segment's size over time from the table under the chart, which stays the accessible version of the
// data, and asks before archiving.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });
  const container = document.getElementById("size-chart");
  const rows = Array.from(document.querySelectorAll("#segment-sizes tbody tr"));
  if (!container || !window.echarts || rows.length === 0) {
    return;
  }
  const accent = getComputedStyle(document.documentElement).getPropertyValue("--accent").trim() || "#0b6e78";
  const chart = window.echarts.init(container, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    grid: { left: 56, right: 16, top: 16, bottom: 32 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "time" },
    yAxis: { type: "value", minInterval: 1 },
    series: [{
      name: container.dataset.series,
      type: "line",
      step: "end",
      showSymbol: false,
      data: rows.map((row) => [row.dataset.at, Number(row.dataset.size)]),
      lineStyle: { color: accent, width: 2 },
      itemStyle: { color: accent },
      areaStyle: { color: accent, opacity: 0.08 },
    }],
  });
  window.addEventListener("resize", () => chart.resize());
});
