/** What the transport and the client say about the client's own echo cancellation. */
export interface EchoClientFacts {
  readonly transport: 'browser' | 'telephony';
  /** From getUserMedia's granted track settings; undefined when the client did not say. */
  readonly clientEchoCancellation?: boolean;
}

/**
 * On by default where nothing else cancels echo: telephony always; a browser whose client
 * reports echo cancellation off or unavailable (undefined counts as unavailable). An agent's
 * explicit setting wins.
 */
export function echoCancellationDefault(facts: EchoClientFacts, agentSetting?: boolean): boolean {
  if (agentSetting !== undefined) return agentSetting;
  if (facts.transport === 'telephony') return true;
  return facts.clientEchoCancellation !== true;
}
