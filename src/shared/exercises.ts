import {
  applyMask,
  decodeUtf8Lenient,
  isHeaderNeed,
  parseFrameHeader,
  parseHex,
  toHex,
} from '../protocol/index.ts';

/**
 * Class exercises ("decode it yourself"), as data: an exercise is a frame's bytes and the questions asked
 * about it. The right answers are not written anywhere: they are read from the frame by our own decoder,
 * so a slide adds an exercise by writing a placeholder with other bytes, and the server (which tallies)
 * and the page (which shows right or wrong) check the same way.
 */

export const exerciseQuestions = ['fin', 'opcode', 'masked', 'length', 'key', 'text'] as const;
export type ExerciseQuestion = (typeof exerciseQuestions)[number];

export type ExerciseSpec = {
  /** The frame, as hex (spaces allowed): at least its header and as much payload as `text` asks for. */
  readonly frame: string;
  readonly questions: readonly ExerciseQuestion[];
  /** How many characters of the unmasked payload the `text` question asks for. */
  readonly textChars: number;
};

/** The right answers, each as the canonical text a person would write. */
export type ExpectedAnswers = Readonly<Record<ExerciseQuestion, string>>;

/** Limits on what a page may send, so the server's tally stays small whatever arrives. */
export const exerciseLimits = {
  idLength: 64,
  frameHexLength: 4096,
  answerLength: 200,
  textChars: 64,
} as const;

export function isExerciseQuestion(value: string): value is ExerciseQuestion {
  return (exerciseQuestions as readonly string[]).includes(value);
}

/** Reads `data-widget-questions="fin opcode …"`: known names in order, each once; all when empty. */
export function parseQuestions(text: string | undefined): ExerciseQuestion[] {
  const names = (text ?? '').split(/[\s,]+/).filter(isExerciseQuestion);
  return names.length === 0 ? [...exerciseQuestions] : [...new Set(names)];
}

/** What the frame says, as answers; null when the bytes are not a frame header (a slide's typo). */
export function expectedAnswers(frameHex: string, textChars: number): ExpectedAnswers | null {
  const parsed = parseHex(frameHex);
  if (!parsed.ok) return null;
  const header = parseFrameHeader(parsed.bytes);
  if (isHeaderNeed(header)) return null;
  const payload = parsed.bytes.subarray(header.headerLength);
  const unmasked = header.maskingKey ? applyMask(payload, header.maskingKey) : payload;
  const text = [...decodeUtf8Lenient(unmasked)].slice(0, textChars).join('');
  return {
    fin: header.fin ? '1' : '0',
    opcode: String(header.opcode),
    masked: header.masked ? 'yes' : 'no',
    length: String(header.payloadLength),
    key: header.maskingKey ? toHex(header.maskingKey, ' ') : '',
    text,
  };
}

const yes = new Set(['yes', 'y', '1', 'true', '是', '有', '对', 'masked']);
const no = new Set(['no', 'n', '0', 'false', '否', '没有', '无', '不', 'unmasked']);

/** A number as people write it: `1`, `0x1`, `0x01`, `128`, or with words around (`opcode=1`, `1 text`). */
function numberIn(given: string): number | null {
  const match = /0x([0-9a-f]+)|(\d+)/i.exec(given);
  if (!match) return null;
  return match[1] !== undefined ? Number.parseInt(match[1], 16) : Number(match[2]);
}

/** Whether an answer is right, forgiving of how it is written (case, spaces, 0x, quotes). */
export function isRight(question: ExerciseQuestion, expected: ExpectedAnswers, given: string): boolean {
  const answer = given.trim().toLowerCase();
  if (answer === '') return false;
  switch (question) {
    case 'fin':
    case 'opcode':
    case 'length':
      return numberIn(answer) === Number(expected[question]);
    case 'masked':
      return expected.masked === 'yes' ? yes.has(answer) : no.has(answer);
    case 'key': {
      const bytes = parseHex(answer);
      return bytes.ok && bytes.bytes.length > 0 && toHex(bytes.bytes, ' ') === expected.key;
    }
    case 'text': {
      // Quoted, the characters exactly (a trailing space counts); unquoted, spaces at the ends do not.
      const quoted = /^(["'“‘「])(.*)(["'”’」])$/su.exec(given.trim());
      return quoted ? quoted[2] === expected.text : given.trim() === expected.text.trim();
    }
  }
}

/** Each asked question: right or not. Unasked questions are not in the result. */
export function checkAnswers(
  spec: ExerciseSpec,
  answers: Readonly<Record<string, string>>,
): Partial<Record<ExerciseQuestion, boolean>> | null {
  const expected = expectedAnswers(spec.frame, spec.textChars);
  return expected ? verdictsFor(spec.questions, expected, answers) : null;
}

/** Each asked question against answers read once (the server reads each exercise's frame once). */
export function verdictsFor(
  questions: readonly ExerciseQuestion[],
  expected: ExpectedAnswers,
  answers: Readonly<Record<string, string>>,
): Partial<Record<ExerciseQuestion, boolean>> {
  const verdicts: Partial<Record<ExerciseQuestion, boolean>> = {};
  for (const question of questions) verdicts[question] = isRight(question, expected, answers[question] ?? '');
  return verdicts;
}

/** The room's answers to one exercise, without names: how many answered, how many right per question. */
export type ExerciseTallyJson = {
  readonly exercise: string;
  readonly answered: number;
  readonly right: Readonly<Partial<Record<ExerciseQuestion, number>>>;
};
