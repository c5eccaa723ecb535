// Draws the bar charts of the predictions page from the tables under them, which stay the accessible version.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.echarts) {
    return;
  }
  const accent = getComputedStyle(document.documentElement).getPropertyValue("--accent").trim() || "#0b6e78";
  const charts = [];
  for (const [chartId, tableId, rotate] of [["segments-chart", "segments-table", 30],
                                             ["value-chart", "value-table", 30],
                                             ["churn-chart", "churn-table", 0]]) {
    const container = document.getElementById(chartId);
    const rows = Array.from(document.querySelectorAll(`#${tableId} tbody tr`));
    if (!container || rows.length === 0) {
      continue;
    }
    const chart = window.echarts.init(container, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      grid: { left: 48, right: 16, top: 16, bottom: rotate ? 72 : 32 },
      tooltip: { trigger: "axis" },
      xAxis: {
        type: "category",
        data: rows.map((row) => row.querySelector("th").textContent.trim()),
        axisTick: { alignWithLabel: true },
        axisLabel: { rotate, interval: 0 },
      },
      yAxis: { type: "value", minInterval: 1 },
      series: [{
        name: container.dataset.series,
        type: "bar",
        data: rows.map((row) => Number(row.dataset.value)),
        itemStyle: { color: accent, borderRadius: [3, 3, 0, 0] },
      }],
    });
    charts.push(chart);
  }
  window.addEventListener("resize", () => charts.forEach((chart) => chart.resize()));
});
