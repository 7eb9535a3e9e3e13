// ECharts (npm "echarts", served at /static/vendor/echarts.min.js) loaded on demand, so pages
// without charts do not pay for its 1 MB on slow office PCs. Chart options are built from the
// report JSON; every label comes from the catalogue.

let loading = null;

/** Resolves to the global echarts object, loading the script once. Rejects if it fails to load. */
export function loadEcharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = '/static/vendor/echarts.min.js';
      s.onload = () => resolve(window.echarts);
      s.onerror = () => { loading = null; reject(new Error('/static/vendor/echarts.min.js')); };
      document.head.append(s);
    });
  }
  return loading;
}

/**
 * Creates a chart in `el` with `option`; returns the instance. The canvas renderer, with
 * animation off (slow PCs, deterministic screenshots). Throws Error naming the box if `el` is
 * missing or no longer on the page (the user left it; callers check before drawing).
 */
export function makeChart(echarts, el, option) {
  if (!el || !el.isConnected) throw new Error(`chart box ${el ? `#${el.id}` : ''} is not on the page`);
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
  return chart;
}

/** A value axis with at most ~4 ticks whose labels never overlap (phone widths). */
export function valueAxis(extra = {}) {
  const { axisLabel, ...rest } = extra;
  return { type: 'value', splitNumber: 4, ...rest, axisLabel: { hideOverlap: true, ...(axisLabel || {}) } };
}

/** Bar-chart grid and axis settings shared by the horizontal per-site charts. */
export function horizontalBase(categories) {
  return {
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    legend: { top: 0, type: 'scroll' },
    yAxis: { type: 'category', data: categories, inverse: true,
             axisLabel: { width: 110, overflow: 'truncate', interval: 0 } },
  };
}
