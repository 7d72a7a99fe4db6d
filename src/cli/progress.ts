import cliProgress from 'cli-progress';

export interface Progress {
  /** Shows `done` of `total` under `label` (starting the bar, or switching it to a new stage). */
  update(label: string, done: number, total: number): void;
  stop(): void;
}

const QUIET: Progress = { update: () => undefined, stop: () => undefined };

/**
 * A progress bar on standard error for long CLI work, shown only when standard error is a
 * terminal: piped or redirected output (CI logs, `2> file`) stays free of control sequences.
 */
export function progressOnStderr(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return QUIET;
  const bar = new cliProgress.SingleBar(
    { stream, format: '{stage} [{bar}] {value}/{total}', clearOnComplete: true, hideCursor: true, fps: 10 },
    cliProgress.Presets.shades_classic,
  );
  let stage: string | undefined;
  return {
    update(label, done, total) {
      if (stage === undefined) bar.start(total, done, { stage: label });
      else if (stage !== label) {
        bar.setTotal(total);
        bar.update(done, { stage: label });
      } else {
        if (total !== bar.getTotal()) bar.setTotal(total);
        bar.update(done);
      }
      stage = label;
    },
    stop() {
      if (stage !== undefined) bar.stop();
      stage = undefined;
    },
  };
}
