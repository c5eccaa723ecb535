// Draws the marketing-mix charts from the data the page carries in #mix-charts (contributions over time,
// return per channel with intervals, response curves) and the plan chart of a decision card (#plan-chart).
// The tables next to the charts stay the accessible version of the same figures.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.echarts) {
    return;
  }
  const palette = ["#0b6e78", "#e07a1f", "#6a4c93", "#1d7a46", "#b42c2c", "#2f6fb3", "#9c6b12", "#5b6878",
    "#c2185b", "#00838f"];
  const charts = [];
  const draw = (id, option) => {
    const container = document.getElementById(id);
    if (!container) {
      return;
    }
    const chart = window.echarts.init(container, null, { renderer: "svg" });
    chart.setOption(Object.assign({ animation: false, color: palette }, option));
    charts.push(chart);
  };
  const round = (value) => Math.round(value).toLocaleString(document.documentElement.lang);

  const source = document.getElementById("mix-charts");
  if (source && source.dataset.charts) {
    const data = JSON.parse(source.dataset.charts);
    const contributions = data.contributions;
    const contributionsBox = document.getElementById("contributions-chart");
    if (contributions && contributionsBox) {
      const baseline = contributions.weeks.map((_, t) => contributions.components
        .filter((c) => !c.media).reduce((sum, c) => sum + c.values[t], 0));
      const series = [{ name: contributionsBox.dataset.baseline, type: "line", stack: "parts", areaStyle: {},
        showSymbol: false, lineStyle: { width: 0 }, data: baseline }];
      contributions.components.filter((c) => c.media).forEach((c) => series.push({ name: c.name, type: "line",
        stack: "parts", areaStyle: {}, showSymbol: false, lineStyle: { width: 0 }, data: c.values }));
      series.push({ name: contributionsBox.dataset.actual, type: "line", showSymbol: false,
        lineStyle: { color: "#1d2733", width: 1.5 }, itemStyle: { color: "#1d2733" }, data: contributions.actual });
      series.push({ name: contributionsBox.dataset.fitted, type: "line", showSymbol: false,
        lineStyle: { color: "#1d2733", type: "dashed", width: 1 }, itemStyle: { color: "#1d2733" },
        data: contributions.fitted });
      draw("contributions-chart", {
        grid: { left: 64, right: 16, top: 40, bottom: 32 },
        legend: { type: "scroll", top: 0 },
        tooltip: { trigger: "axis", valueFormatter: round },
        xAxis: { type: "category", data: contributions.weeks },
        yAxis: { type: "value" },
        series,
      });
    }
    const results = data.results;
    const roiBox = document.getElementById("roi-chart");
    if (results && roiBox) {
      const names = results.channels.map((c) => c.channel);
      draw("roi-chart", {
        grid: { left: 96, right: 24, top: 32, bottom: 24 },
        legend: { top: 0 },
        tooltip: { trigger: "axis" },
        yAxis: { type: "category", data: names },
        xAxis: { type: "value" },
        series: [
          { name: roiBox.dataset.roi, type: "bar", data: results.channels.map((c) => c.roi) },
          { name: roiBox.dataset.roi + " ±", type: "boxplot", itemStyle: { color: "transparent", borderColor: "#1d2733" },
            data: results.channels.map((c) => [c.roiInterval[0], c.roiInterval[0], c.roi, c.roiInterval[1],
              c.roiInterval[1]]) },
          { name: roiBox.dataset.mroi, type: "scatter", symbol: "diamond", symbolSize: 10,
            data: results.channels.map((c) => c.marginalRoi) },
        ],
      });
    }
    const curves = data.curves;
    const curvesBox = document.getElementById("curves-chart");
    if (curves && curvesBox) {
      const series = curves.channels.map((c) => ({
        name: c.channel, type: "line", showSymbol: false, smooth: true,
        data: c.points.map((p) => [p.spend, p.expected]),
        markPoint: { symbol: "circle", symbolSize: 9, label: { show: false },
          data: [{ name: curvesBox.dataset.current, coord: [c.currentWeeklySpend,
            interpolate(c.points, c.currentWeeklySpend)] }] },
      }));
      draw("curves-chart", {
        grid: { left: 64, right: 24, top: 40, bottom: 48 },
        legend: { type: "scroll", top: 0 },
        tooltip: { trigger: "axis", valueFormatter: round },
        xAxis: { type: "value", name: curvesBox.dataset.spend, nameLocation: "middle", nameGap: 28 },
        yAxis: { type: "value", name: curvesBox.dataset.response },
        series,
      });
    }
  }

  const planBox = document.getElementById("plan-chart");
  if (planBox && planBox.dataset.plan) {
    const plan = JSON.parse(planBox.dataset.plan);
    const series = [
      { name: planBox.dataset.current, type: "bar", data: plan.map((p) => p.current) },
      { name: planBox.dataset.recommended, type: "bar", data: plan.map((p) => p.recommended) },
    ];
    if (plan.some((p) => p.approved !== null && p.approved !== undefined)) {
      series.push({ name: planBox.dataset.approved, type: "bar", data: plan.map((p) => p.approved) });
    }
    draw("plan-chart", {
      grid: { left: 96, right: 24, top: 32, bottom: 24 },
      legend: { top: 0 },
      tooltip: { trigger: "axis", valueFormatter: round },
      yAxis: { type: "category", data: plan.map((p) => p.channel) },
      xAxis: { type: "value" },
      series,
    });
  }

  function interpolate(points, spend) {
    for (let i = 1; i < points.length; i++) {
      if (points[i].spend >= spend) {
        const a = points[i - 1];
        const b = points[i];
        const share = b.spend === a.spend ? 0 : (spend - a.spend) / (b.spend - a.spend);
        return a.expected + share * (b.expected - a.expected);
      }
    }
    return points.length ? points[points.length - 1].expected : 0;
  }

  window.addEventListener("resize", () => charts.forEach((chart) => chart.resize()));
});
