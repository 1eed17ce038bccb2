import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SentenceChunkerOptions } from './sentence-chunker.ts';
import { chunkSentences, createSentenceChunker } from './sentence-chunker.ts';

function oneShot(text: string, options?: SentenceChunkerOptions): string[] {
  const chunker = createSentenceChunker(options);
  return [...chunker.push(text), ...chunker.flush()];
}

function fed(deltas: readonly string[], options?: SentenceChunkerOptions): string[] {
  const chunker = createSentenceChunker(options);
  return [...deltas.flatMap((delta) => chunker.push(delta)), ...chunker.flush()];
}

/** Deterministic pseudo-random splits of `text` into pieces of 1–`maxPiece` chars. */
function randomSplits(text: string, seed: number, maxPiece = 6): string[] {
  let state = seed;
  const pieces: string[] = [];
  for (let offset = 0; offset < text.length;) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const size = 1 + (state % maxPiece);
    pieces.push(text.slice(offset, offset + size));
    offset += size;
  }
  return pieces;
}

describe('sentence chunker: basic boundaries', () => {
  it('splits at periods, question marks and exclamation marks followed by a space', () => {
    assert.deepEqual(oneShot('Hello there. How are you? I am fine! Thanks.'), [
      'Hello there.',
      'How are you?',
      'I am fine!',
      'Thanks.',
    ]);
  });

  it('emits nothing for an unfinished sentence until it is flushed', () => {
    const chunker = createSentenceChunker();
    assert.deepEqual(chunker.push('I think that'), []);
    assert.deepEqual(chunker.flush(), ['I think that']);
  });

  it('waits for the next character before deciding that a period ends a sentence', () => {
    const chunker = createSentenceChunker();
    assert.deepEqual(chunker.push('It costs 3.'), []);
    assert.deepEqual(chunker.push(' '), []);
    assert.deepEqual(chunker.push('Then'), ['It costs 3.']);
  });

  it('treats a newline as a boundary even without punctuation', () => {
    assert.deepEqual(oneShot('Here are the options:\n- Red\n- Blue'), [
      'Here are the options:',
      '- Red',
      '- Blue',
    ]);
  });

  it('treats a paragraph break after a sentence as one boundary', () => {
    assert.deepEqual(oneShot('First part.\n\nSecond part.'), ['First part.', 'Second part.']);
  });

  it('cuts a newline at once, before the next line starts', () => {
    const chunker = createSentenceChunker();
    assert.deepEqual(chunker.push('A heading\n'), ['A heading']);
  });

  it('trims whitespace and never emits an empty chunk', () => {
    assert.deepEqual(oneShot('   Hi.    \n\n   \n  Bye.   '), ['Hi.', 'Bye.']);
    assert.deepEqual(oneShot('   \n  '), []);
  });

  it('joins punctuation-only text to the next chunk and drops a punctuation-only tail', () => {
    assert.deepEqual(oneShot('...\nOkay then. ---'), ['... Okay then.']);
  });

  it('starts a new reply after flush', () => {
    const chunker = createSentenceChunker({ earlyFirstClause: true });
    chunker.push('One two three four, five.');
    chunker.flush();
    assert.deepEqual(
      [...chunker.push('Six seven eight nine, ten.'), ...chunker.flush()],
      ['Six seven eight nine,', 'ten.'],
    );
  });
});

describe('sentence chunker: periods that do not end sentences', () => {
  it('keeps a title abbreviation with the name that follows it', () => {
    assert.deepEqual(oneShot('I spoke to Dr. Smith and Mrs. Jones. Ms. Lee agreed.'), [
      'I spoke to Dr. Smith and Mrs. Jones.',
      'Ms. Lee agreed.',
    ]);
  });

  it('ends the sentence at an abbreviation followed by a common sentence opener', () => {
    assert.deepEqual(oneShot('He lives on Main St. It is quiet.'), [
      'He lives on Main St.',
      'It is quiet.',
    ]);
  });

  it('keeps "St. Louis" together', () => {
    assert.deepEqual(oneShot('St. Louis is big. Go.'), ['St. Louis is big.', 'Go.']);
  });

  it('ends at "etc." before a capitalised opener but not before a lower-case word', () => {
    assert.deepEqual(oneShot('Apples, pears, etc. Then we left. Apples, etc. and more.'), [
      'Apples, pears, etc.',
      'Then we left.',
      'Apples, etc. and more.',
    ]);
  });

  it('never ends a sentence at "e.g." or "i.e." or "vs."', () => {
    assert.deepEqual(oneShot('Use a city, e.g. Paris. Or i.e. London. Red vs. Blue wins.'), [
      'Use a city, e.g. Paris.',
      'Or i.e. London.',
      'Red vs. Blue wins.',
    ]);
  });

  it('tells "a.m." and "U.S." at a sentence end from mid-sentence', () => {
    assert.deepEqual(
      oneShot('At 9 a.m. Pacific. At 9 a.m. We open. The U.S. Army. In the U.S. She works.'),
      [
        'At 9 a.m. Pacific.',
        'At 9 a.m.',
        'We open.',
        'The U.S. Army.',
        'In the U.S.',
        'She works.',
      ],
    );
  });

  it('keeps "No. 5" together', () => {
    assert.deepEqual(oneShot('Call No. 5 now. Thanks.'), ['Call No. 5 now.', 'Thanks.']);
  });

  it('keeps runs of initials with the surname', () => {
    assert.deepEqual(oneShot('J. R. R. Tolkien wrote it. Harry S. Truman and J. A. Smith too.'), [
      'J. R. R. Tolkien wrote it.',
      'Harry S. Truman and J. A. Smith too.',
    ]);
  });

  it('ends a sentence at a single capital letter followed by a sentence opener', () => {
    assert.deepEqual(oneShot('Take plan B. Then relax.'), ['Take plan B.', 'Then relax.']);
  });

  it('keeps decimals, versions and separated numbers intact', () => {
    assert.deepEqual(oneShot('Version 3.5 costs 1,000.50 now. Use v2.1.0. Next one.'), [
      'Version 3.5 costs 1,000.50 now.',
      'Use v2.1.0.',
      'Next one.',
    ]);
  });

  it('keeps a list label with its step ("Step 1. Open")', () => {
    assert.deepEqual(oneShot('Step 1. Open the app. Step 2. Tap Save.'), [
      'Step 1. Open the app.',
      'Step 2. Tap Save.',
    ]);
  });

  it('keeps a numbered list item at the start of a line with its text', () => {
    assert.deepEqual(oneShot('1. Open the app.\n2. Tap Save.'), [
      '1. Open the app.',
      '2. Tap Save.',
    ]);
  });

  it('keeps a list number at the start of a chunk even before a sentence opener', () => {
    assert.deepEqual(oneShot('1. The app opens.\n2. Then tap Save.'), [
      '1. The app opens.',
      '2. Then tap Save.',
    ]);
  });

  it('ends a sentence at a plain number followed by a capital', () => {
    assert.deepEqual(oneShot('The answer is 42. Next question.'), [
      'The answer is 42.',
      'Next question.',
    ]);
  });

  it('does not split URLs or email addresses', () => {
    assert.deepEqual(
      oneShot('Visit example.com. Email help@acme.io or see https://acme.io/a?b=1 today.'),
      ['Visit example.com.', 'Email help@acme.io or see https://acme.io/a?b=1 today.'],
    );
  });
});

describe('sentence chunker: ellipses, quotes and other scripts', () => {
  it('continues the sentence after an ellipsis followed by a lower-case word', () => {
    assert.deepEqual(oneShot('Well... maybe not. Hmm… perhaps.'), [
      'Well... maybe not.',
      'Hmm… perhaps.',
    ]);
  });

  it('ends the sentence at an ellipsis followed by a capital', () => {
    assert.deepEqual(oneShot('Wait... What? Hmm… Okay.'), ['Wait...', 'What?', 'Hmm…', 'Okay.']);
  });

  it('keeps closing quotes and brackets with the sentence they end', () => {
    assert.deepEqual(oneShot('He said "stop." Then left. (See above.) Fine. **Note.** Done.'), [
      'He said "stop."',
      'Then left.',
      '(See above.)',
      'Fine.',
      '**Note.**',
      'Done.',
    ]);
  });

  it('continues after a quoted exclamation followed by a lower-case word', () => {
    assert.deepEqual(oneShot('"Stop!" he said. Okay.'), ['"Stop!" he said.', 'Okay.']);
  });

  it('splits runs of ?! as one terminator', () => {
    assert.deepEqual(oneShot('Really?! Yes.'), ['Really?!', 'Yes.']);
  });

  it('handles Spanish opening marks', () => {
    assert.deepEqual(oneShot('¿Qué tal? ¡Muy bien! El Sr. García llegó. Vale.'), [
      '¿Qué tal?',
      '¡Muy bien!',
      'El Sr. García llegó.',
      'Vale.',
    ]);
  });

  it('splits after full-width CJK terminators without a space', () => {
    assert.deepEqual(oneShot('你好。谢谢！'), ['你好。', '谢谢！']);
  });
});

describe('sentence chunker: early first clause and long text', () => {
  it('cuts the first chunk at a comma once enough words are in', () => {
    assert.deepEqual(
      oneShot('Sure, I can help you with that, of course. Then, later, more.', {
        earlyFirstClause: true,
      }),
      ['Sure, I can help you with that,', 'of course.', 'Then, later, more.'],
    );
  });

  it('cuts the first chunk at a semicolon, colon or spaced dash', () => {
    const options = { earlyFirstClause: true, minFirstClauseWords: 2 };
    assert.deepEqual(oneShot('Two words; rest.', options), ['Two words;', 'rest.']);
    assert.deepEqual(oneShot('Two words: rest.', options), ['Two words:', 'rest.']);
    assert.deepEqual(oneShot('Two words - rest.', options), ['Two words -', 'rest.']);
    assert.deepEqual(oneShot('Two words—rest.', options), ['Two words—', 'rest.']);
  });

  it('does not cut early at a comma inside a number or a time', () => {
    const options = { earlyFirstClause: true, minFirstClauseWords: 1 };
    assert.deepEqual(oneShot('It is 1,000 at 10:30 today.', options), [
      'It is 1,000 at 10:30 today.',
    ]);
  });

  it('does not cut early when the option is off', () => {
    assert.deepEqual(oneShot('Sure, I can help you with that, of course.'), [
      'Sure, I can help you with that, of course.',
    ]);
  });

  it('forces a cut at the last clause mark when text runs past maxChunkChars', () => {
    const text = 'this goes on and on, and then it goes on some more without any stop at all';
    const chunks = oneShot(text, { maxChunkChars: 40 });
    assert.equal(chunks[0], 'this goes on and on,');
    assert.ok(chunks.every((chunk) => chunk.length <= 40));
    assert.equal(chunks.join(' '), text);
  });

  it('forces a cut at the last space when there is no clause mark', () => {
    const text = 'word '.repeat(30).trim();
    const chunks = oneShot(text, { maxChunkChars: 32 });
    assert.ok(chunks.length > 1);
    assert.ok(chunks.every((chunk) => chunk.length <= 32 && !chunk.startsWith('ord')));
    assert.equal(chunks.join(' '), text);
  });
});

describe('sentence chunker: independence from delta boundaries', () => {
  const corpus = [
    'Hello there. How are you? I spoke to Dr. Smith and Mrs. Jones. He lives on Main St. It is quiet.',
    'St. Louis is big. Apples, pears, etc. Then we left. Apples, etc. and more. Use e.g. Paris.',
    'At 9 a.m. Pacific. At 9 a.m. We open. The U.S. Army. In the U.S. She works. Call No. 5 now.',
    'J. R. R. Tolkien wrote it. Take plan B. Then relax. Version 3.5 costs 1,000.50 now. Use v2.1.0. Next.',
    'Step 1. Open the app.\n2. Tap Save.\n\nThe answer is 42. Visit example.com. Email help@acme.io today.',
    'Well... maybe not. Wait... What? Hmm… Okay. He said "stop." Then left. "Stop!" he said. Really?! Yes.',
    '¿Qué tal? ¡Muy bien! El Sr. García llegó. Sure, I can help you with that, of course — right away; yes.',
    'this goes on and on, and then it goes on some more without any stop at all and even more words follow here',
  ];
  const optionSets: SentenceChunkerOptions[] = [
    {},
    { earlyFirstClause: true },
    { earlyFirstClause: true, minFirstClauseWords: 2, maxChunkChars: 40 },
  ];

  it('gives the same chunks when text arrives one character at a time', () => {
    for (const options of optionSets) {
      for (const text of corpus) {
        assert.deepEqual(fed([...text], options), oneShot(text, options), text);
      }
    }
  });

  it('gives the same chunks for many random splits', () => {
    for (const options of optionSets) {
      for (const text of corpus) {
        const expected = oneShot(text, options);
        for (let seed = 1; seed <= 40; seed++) {
          assert.deepEqual(
            fed(randomSplits(text, seed), options),
            expected,
            `${text} / seed ${seed}`,
          );
        }
      }
    }
  });

  it('gives the same chunks when an abbreviation is split from its period', () => {
    assert.deepEqual(fed(['I met Dr', '. Smith', ' today', '.']), ['I met Dr. Smith today.']);
  });
});

describe('chunkSentences', () => {
  it('turns an async stream of deltas into chunks and ends when the stream ends', async () => {
    async function* deltas(): AsyncGenerator<string> {
      await Promise.resolve();
      yield 'Hi th';
      yield 'ere. How';
      yield ' are you';
    }
    const chunks: string[] = [];
    for await (const chunk of chunkSentences(deltas())) chunks.push(chunk);
    assert.deepEqual(chunks, ['Hi there.', 'How are you']);
  });

  it('yields a chunk as soon as it is certain, before the stream ends', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* deltas(): AsyncGenerator<string> {
      yield 'First one. S';
      await gate;
      yield 'econd.';
    }
    const iterator = chunkSentences(deltas())[Symbol.asyncIterator]();
    assert.deepEqual(await iterator.next(), { done: false, value: 'First one.' });
    release();
    assert.deepEqual(await iterator.next(), { done: false, value: 'Second.' });
    assert.equal((await iterator.next()).done, true);
  });

  it('yields nothing more once its signal has aborted', async () => {
    const controller = new AbortController();
    async function* deltas(): AsyncGenerator<string> {
      await Promise.resolve();
      yield 'One. Two';
      controller.abort();
      yield '. Three. Four.';
    }
    const chunks: string[] = [];
    for await (const chunk of chunkSentences(deltas(), { signal: controller.signal })) {
      chunks.push(chunk);
    }
    assert.deepEqual(chunks, ['One.']);
  });
});
