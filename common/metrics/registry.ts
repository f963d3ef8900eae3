// A registry of metric families and their exposition in the Prometheus text format 0.0.4:
// for each family a `# HELP` and a `# TYPE` line, then one line per sample, in registration order.
import { assert } from "../assert.js";
import { Counter, formatValue, Gauge, type GaugeCollect, Histogram, type MetricFamily } from "./metric.js";

/** The Content-Type of the text exposition format. */
export const exposition004ContentType = "text/plain; version=0.0.4; charset=utf-8";

const metricNamePattern = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Metric families by name, and their text exposition. */
export class MetricsRegistry {
  private readonly families = new Map<string, MetricFamily>();

  /** Registers a family; names are unique within a registry. */
  register<T extends MetricFamily>(family: T): T {
    assert(metricNamePattern.test(family.name), `invalid metric name "${family.name}"`);
    assert(!this.families.has(family.name), `metric ${family.name} registered twice`);
    this.families.set(family.name, family);
    return family;
  }

  /** Registers a new counter. */
  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.register(new Counter(name, help, labelNames));
  }

  /** Registers a new gauge; with `collect`, its series are computed at every scrape. */
  gauge(name: string, help: string, options: { labelNames?: readonly string[]; collect?: GaugeCollect } = {}): Gauge {
    return this.register(new Gauge(name, help, options.labelNames ?? [], options.collect));
  }

  /** Registers a new histogram with these bucket upper bounds. */
  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    return this.register(new Histogram(name, help, buckets));
  }

  /** The text exposition of every family (a scrape). A family without series writes only its HELP and TYPE. */
  expose(): string {
    const lines: string[] = [];
    for (const family of this.families.values()) {
      lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
      for (const sample of family.samples()) {
        const labels =
          sample.labels.length === 0
            ? ""
            : `{${sample.labels.map(([n, v]) => `${n}="${escapeLabelValue(v)}"`).join(",")}}`;
        lines.push(`${family.name}${sample.suffix}${labels} ${formatValue(sample.value)}`);
      }
    }
    return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
  }
}

/** HELP text escapes backslash and line feed. */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

/** Label values escape backslash, double quote and line feed. */
export function escapeLabelValue(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
