import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runConversationCase } from '../testing/conversation-table.ts';
import { BARGE_IN_CASES } from './cases/barge-in.cases.ts';
import { CONTINUE_CASES } from './cases/continue.cases.ts';
import { END_OF_TURN_CASES } from './cases/end-of-turn.cases.ts';
import { ENGINE_LAG_CASES, VENDOR_END_OF_TURN_CASES } from './cases/engines.cases.ts';
import { FINAL_WORDS_CASES } from './cases/final-words.cases.ts';
import { FLOOR_CASES } from './cases/floor.cases.ts';
import { MISHEARD_CASES } from './cases/misheard.cases.ts';
import { PREEMPTIVE_CASES } from './cases/preemptive.cases.ts';
import { READINGS_CASES } from './cases/readings.cases.ts';

const TABLES = {
  'end of turn': END_OF_TURN_CASES,
  'barge-in': BARGE_IN_CASES,
  'barge-in on what was misheard': MISHEARD_CASES,
  'who holds the floor': FLOOR_CASES,
  "the vendor's end of turn": VENDOR_END_OF_TURN_CASES,
  'engines behind real time': ENGINE_LAG_CASES,
  'preemptive replies': PREEMPTIVE_CASES,
  "ending on the final's word timings": FINAL_WORDS_CASES,
  'a user who pauses, then goes on': CONTINUE_CASES,
  "barge-in with the STT's other readings": READINGS_CASES,
};

for (const [title, cases] of Object.entries(TABLES)) {
  describe(`conversation table: ${title}`, () => {
    for (const c of cases) {
      it(c.name, () => {
        assert.deepEqual(runConversationCase(c).lines, c.expect);
      });
    }
  });
}
