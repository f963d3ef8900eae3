// Prometheus metrics: a small registry (counters, gauges, histograms) and its text exposition.
export {
  Counter,
  type CounterSink,
  formatValue,
  Gauge,
  type GaugeCollect,
  Histogram,
  type HistogramSink,
  type Labels,
  type MetricFamily,
  type MetricType,
  type Sample,
} from "./metric.js";
export { escapeHelp, escapeLabelValue, exposition004ContentType, MetricsRegistry } from "./registry.js";
export { parseExposition, type ParsedSample } from "./parse-exposition.js";
