// Reading the Prometheus text /metrics serves (not part of the typed API: it is not JSON).

/** One sample of a Prometheus text exposition, e.g. `outbox_rows{status="dead"}`; undefined when absent. */
export const sample = (text: string, name: string): number | undefined => {
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name} `)) return Number(line.slice(name.length + 1).trim().split(' ')[0]);
  }
  return undefined;
};
