/** What every bench section returns: figures for the table, and details for the JSON. */

export type Unit = 'ms' | 'x' | 'sessions' | '% core' | 'MB' | '%' | 'dB' | 'per 100' | 'per reply';

export interface Goal {
  readonly op: '<=' | '>=';
  readonly value: number;
  /** How the goal reads in the report, e.g. "≤ 10 ms at 100 sessions". */
  readonly label: string;
}

export interface Figure {
  readonly name: string;
  /** Undefined when the section could not measure it. */
  readonly value: number | undefined;
  readonly unit: Unit;
  readonly goal?: Goal;
  /** Why the figure is what it is, or why it is missing. */
  readonly note?: string;
}

export interface SectionResult {
  readonly id: string;
  readonly title: string;
  readonly figures: readonly Figure[];
  /** Free text for the report: method, caveats. */
  readonly notes: readonly string[];
  /** Raw figures for results.json and the chart. */
  readonly details: Record<string, unknown>;
  /** Set when the section could not run at all. */
  readonly unavailable?: string;
}

export interface BenchOptions {
  /** A fast smoke run: fewer sessions, turns and trials. */
  readonly quick: boolean;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
}

export type Section = (options: BenchOptions) => Promise<SectionResult>;

/** Whether a figure meets its goal; undefined when there is no goal or no value. */
export function meetsGoal(figure: Figure): boolean | undefined {
  if (figure.goal === undefined || figure.value === undefined) return undefined;
  if (!Number.isFinite(figure.value)) return false;
  return figure.goal.op === '<='
    ? figure.value <= figure.goal.value
    : figure.value >= figure.goal.value;
}
