import type { ConformEndpoint } from '../../conform/endpoints.ts';
import type { ConformCaseJson } from '../../shared/inspector/protocol.ts';
import type { EndpointState } from './runs.ts';

/**
 * A real conformance run, kept for the static site (slides/recordings/conform.json): `npm run record`
 * asked the bundled server for `conform.run` on each of its endpoints over /inspect, exactly as the slide
 * does, and kept every case it sent back. `suiteHash` is what the run was made of (the cases' steps and
 * expectations, the endpoints): the static build refuses a recording whose suite has changed since
 * (tools/recordings/conformSuiteHash.ts).
 */
export type ConformRecording = {
  readonly format: 1;
  readonly recordedAt: string;
  readonly node: string;
  /** The libraries behind the endpoints: ws, and WebSocket-Node (the `websocket` package). */
  readonly versions: Readonly<Record<string, string>>;
  readonly suiteHash: string;
  readonly endpoints: readonly RecordedEndpointRun[];
};

export type RecordedEndpointRun = {
  readonly id: string;
  readonly label: string;
  readonly path: string;
  readonly durationMs: number;
  readonly cases: readonly ConformCaseJson[];
};

/**
 * The slide's state for each of its endpoints, from a recording: every recorded run `done` with its cases;
 * an endpoint the recording does not have stays `idle` (the static build refuses such a recording, as the
 * endpoint list is part of its suite hash).
 */
export function recordedStates(
  recording: ConformRecording,
  endpoints: readonly ConformEndpoint[],
): Map<string, EndpointState> {
  return new Map(
    endpoints.map((endpoint): [string, EndpointState] => {
      const run = recording.endpoints.find((r) => r.id === endpoint.id);
      if (!run) return [endpoint.id, { phase: 'idle' }];
      return [
        endpoint.id,
        {
          phase: 'done',
          durationMs: run.durationMs,
          cases: new Map(run.cases.map((outcome) => [outcome.id, outcome])),
        },
      ];
    }),
  );
}
