import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chunkMarkdown } from './chunker.ts';

const manual = `---
component: PMP-200
ranges:
  discharge_pressure_bar: 2.0-6.5
---

# PMP-200 pump

## Startup

Open the suction valve.

Prime the casing.

## Shutdown

Close the discharge valve.
`;

describe('chunkMarkdown', () => {
  it('splits at headings and keeps the heading path in text and metadata', () => {
    const chunks = chunkMarkdown(manual);
    assert.deepEqual(
      chunks.map((c) => c.headingPath),
      [
        ['PMP-200 pump', 'Startup'],
        ['PMP-200 pump', 'Shutdown'],
      ],
    );
    assert.equal(
      chunks[0]?.text,
      'PMP-200 pump > Startup\nOpen the suction valve.\n\nPrime the casing.',
    );
  });

  it('numbers chunks from zero in file order', () => {
    assert.deepEqual(
      chunkMarkdown(manual).map((c) => c.index),
      [0, 1],
    );
  });

  it('carries scalar front-matter fields and leaves the header out of the text', () => {
    const [first] = chunkMarkdown(manual);
    assert.equal(first?.fields['component'], 'PMP-200');
    assert.ok(!first?.text.includes('discharge_pressure_bar'));
  });

  it('groups paragraphs up to maxChars and starts a new chunk past it', () => {
    const text = ['# T', 'a'.repeat(50), 'b'.repeat(50), 'c'.repeat(50)].join('\n\n');
    const chunks = chunkMarkdown(text, { maxChars: 110 });
    assert.equal(chunks.length, 2);
    assert.ok(chunks[1]?.text.endsWith('c'.repeat(50)));
  });

  it('gives the same chunks for the same text', () => {
    assert.deepEqual(chunkMarkdown(manual), chunkMarkdown(manual));
  });

  it('chunks plain text with no headings by paragraph', () => {
    const chunks = chunkMarkdown('first paragraph\n\nsecond paragraph', { maxChars: 10 });
    assert.deepEqual(
      chunks.map((c) => c.text),
      ['first paragraph', 'second paragraph'],
    );
  });
});
