// Draws the events-per-hour chart from the table under it, which stays the accessible version of the data.
document.addEventListener("DOMContentLoaded", () => {
  const container = document.getElementById("events-chart");
  const rows = Array.from(document.querySelectorAll("#events-per-hour tbody tr"));
  if (!container || !window.echarts || rows.length === 0) {
    return;
  }
  const accent = getComputedStyle(document.documentElement).getPropertyValue("--accent").trim() || "#0b6e78";
  const chart = window.echarts.init(container, null, { renderer: "svg" });
  chart.setOption({
    animation: false,
    grid: { left: 48, right: 16, top: 16, bottom: 32 },
    tooltip: { trigger: "axis" },
    xAxis: {
      type: "category",
      data: rows.map((row) => row.querySelector("th").textContent.trim()),
      axisTick: { alignWithLabel: true },
    },
    yAxis: { type: "value", minInterval: 1 },
    series: [{
      name: container.dataset.series,
      type: "bar",
      data: rows.map((row) => Number(row.dataset.events)),
      itemStyle: { color: accent, borderRadius: [3, 3, 0, 0] },
    }],
  });
  window.addEventListener("resize", () => chart.resize());
});
