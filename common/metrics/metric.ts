// The three kinds of metric the registry exposes: counters, gauges and histograms with fixed
// buckets, each a family of series told apart by label values. Components see only the narrow
// sink interfaces, so they can count without knowing about the registry or its text format.
import { assert } from "../assert.js";

/** Label values of one series, by label name. */
export type Labels = Readonly<Record<string, string>>;

/** What a component needs to count events. */
export interface CounterSink {
  /** Adds `amount` (default 1, never negative). */
  inc(amount?: number): void;
}

/** What a component needs to record observations, e.g. durations in seconds. */
export interface HistogramSink {
  /** Records one observation. */
  observe(value: number): void;
}

/** One line of a family's exposition: the metric name's suffix (`_bucket`, `_sum`…), labels and value. */
export interface Sample {
  readonly suffix: string;
  readonly labels: readonly (readonly [string, string])[];
  readonly value: number;
}

/** The Prometheus metric types this registry knows. */
export type MetricType = "counter" | "gauge" | "histogram";

/** A metric family as the registry sees it: name, help, type, and its samples at scrape time. */
export interface MetricFamily {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  /** Computes the samples now (a scrape). */
  samples(): readonly Sample[];
}

const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Series of one family, keyed by their label values in the family's label order. */
class SeriesMap<T> {
  private readonly series = new Map<string, { labels: readonly (readonly [string, string])[]; value: T }>();

  constructor(
    private readonly family: string,
    private readonly labelNames: readonly string[],
  ) {
    for (const name of labelNames)
      assert(labelNamePattern.test(name) && !name.startsWith("__"), `${family}: invalid label name "${name}"`);
  }

  /** The series for these labels, made with `init` the first time. */
  get(labels: Labels, init: () => T): T {
    const given = Object.keys(labels);
    assert(
      given.length === this.labelNames.length && given.every((n) => this.labelNames.includes(n)),
      `${this.family}: labels must be exactly ${this.labelNames.join(", ") || "none"}`,
    );
    const pairs = this.labelNames.map((n) => [n, labels[n] ?? ""] as const);
    const key = JSON.stringify(pairs.map(([, v]) => v));
    let entry = this.series.get(key);
    if (!entry) this.series.set(key, (entry = { labels: pairs, value: init() }));
    return entry.value;
  }

  clear(): void {
    this.series.clear();
  }

  entries(): IterableIterator<{ labels: readonly (readonly [string, string])[]; value: T }> {
    return this.series.values();
  }
}

/** A monotonically increasing count (reset only by a restart), named `…_total`. */
export class Counter implements MetricFamily, CounterSink {
  readonly type = "counter";
  private readonly series: SeriesMap<{ value: number }>;

  constructor(
    readonly name: string,
    readonly help: string,
    labelNames: readonly string[] = [],
  ) {
    this.series = new SeriesMap(name, labelNames);
    // An unlabelled counter reads 0 from the start, so rates work from the first scrape.
    if (labelNames.length === 0) this.series.get({}, () => ({ value: 0 }));
  }

  /** Adds `amount` to the unlabelled series. */
  inc(amount = 1): void {
    this.incWith({}, amount);
  }

  /** Adds `amount` to the series with these labels. */
  incWith(labels: Labels, amount = 1): void {
    assert(amount >= 0 && Number.isFinite(amount), `${this.name}: a counter only goes up (got ${amount})`);
    this.series.get(labels, () => ({ value: 0 })).value += amount;
  }

  samples(): readonly Sample[] {
    return [...this.series.entries()].map((e) => ({ suffix: "", labels: e.labels, value: e.value.value }));
  }
}

/** Fills a gauge's series at scrape time: call `set` once per series. */
export type GaugeCollect = (set: (value: number, labels?: Labels) => void) => void;

/** A value that goes up and down; set directly or computed at scrape time by `collect`. */
export class Gauge implements MetricFamily {
  readonly type = "gauge";
  private readonly series: SeriesMap<{ value: number }>;

  constructor(
    readonly name: string,
    readonly help: string,
    labelNames: readonly string[] = [],
    /** When given, every scrape drops the old series and asks this for the current ones. */
    private readonly collect?: GaugeCollect,
  ) {
    this.series = new SeriesMap(name, labelNames);
    if (labelNames.length === 0 && !collect) this.set(0);
  }

  /** Sets the series with these labels. */
  set(value: number, labels: Labels = {}): void {
    this.series.get(labels, () => ({ value: 0 })).value = value;
  }

  samples(): readonly Sample[] {
    if (this.collect) {
      this.series.clear();
      this.collect((value, labels) => this.set(value, labels));
    }
    return [...this.series.entries()].map((e) => ({ suffix: "", labels: e.labels, value: e.value.value }));
  }
}

/** Counts observations into cumulative buckets with fixed upper bounds, plus their sum and count. */
export class Histogram implements MetricFamily, HistogramSink {
  readonly type = "histogram";
  private readonly counts: number[];
  private sum = 0;
  private count = 0;

  constructor(
    readonly name: string,
    readonly help: string,
    /** Upper bounds, strictly increasing; `+Inf` is implied. */
    readonly buckets: readonly number[],
  ) {
    assert(
      buckets.length > 0 && buckets.every((b, i) => Number.isFinite(b) && (i === 0 || b > buckets[i - 1]!)),
      `${name}: buckets must be finite and strictly increasing`,
    );
    this.counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    // Buckets are cumulative in the exposition; here each observation counts in its first bucket only.
    const index = this.buckets.findIndex((b) => value <= b);
    if (index >= 0) this.counts[index]! += 1;
    this.sum += value;
    this.count += 1;
  }

  samples(): readonly Sample[] {
    let cumulative = 0;
    const samples: Sample[] = this.buckets.map((b, i) => {
      cumulative += this.counts[i]!;
      return { suffix: "_bucket", labels: [["le", formatValue(b)]], value: cumulative };
    });
    samples.push({ suffix: "_bucket", labels: [["le", "+Inf"]], value: this.count });
    samples.push({ suffix: "_sum", labels: [], value: this.sum });
    samples.push({ suffix: "_count", labels: [], value: this.count });
    return samples;
  }
}

/** A number as the text format writes it: `+Inf`, `-Inf`, `NaN`, else the shortest exact form. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}
