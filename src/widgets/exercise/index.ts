import type { Language } from '../../protocol/index.ts';
import { getSession, type LiveSession } from '../../session/index.ts';
import { classExercise } from '../../shared/exerciseCatalogue.ts';
import {
  checkAnswers,
  type ExerciseQuestion,
  type ExerciseSpec,
  type ExerciseTallyJson,
} from '../../shared/exercises.ts';
import type { ExerciseAnswerFields } from '../../shared/inspector/commands.ts';
import { h, replace } from '../shared/dom.ts';
import { isolateKeys } from '../shared/keyboard.ts';
import type { WidgetContext, WidgetInstance } from '../widget.ts';
import { t } from './strings.ts';
import '../shared/widgets.css';
import './exercise.css';

type Verdicts = Partial<Record<ExerciseQuestion, boolean>>;

/**
 * A class exercise, placed in a slide by its id (no script):
 *   <div data-widget="exercise" data-widget-id="decode-it-yourself">…</div>
 * Its frame and questions are data in src/shared/exerciseCatalogue.ts, which the server checks against.
 * A visitor types answers and sees right or wrong (the server checks them against the frame and counts
 * them, without names); the presenter's page shows the room's tally instead, live. The answers are never
 * in the page: they are read from the frame by the decoder.
 */
export function mountExercise(host: HTMLElement, context: WidgetContext): WidgetInstance {
  const lang = context.lang;
  const session = getSession();
  const id = context.options.widgetId ?? 'exercise';
  const root = h('div', {
    class: 'ws-widget ws-exercise',
    role: 'region',
    'aria-label': t(lang, 'exerciseLabel'),
  });
  host.append(root);
  // The frame and questions are the deck's (src/shared/exerciseCatalogue.ts), the same the server checks.
  const spec = classExercise(id);
  if (!spec) {
    root.append(
      h('p', { class: 'ws-exercise-status', role: 'status', text: t(lang, 'exerciseUnknown', { id }) }),
    );
    return { destroy: () => root.remove() };
  }
  const release = isolateKeys(root, undefined, ['PageDown', 'PageUp']);

  let view: { role: string; destroy(): void } | null = null;
  const show = () => {
    const role = session.welcome?.role === 'presenter' ? 'presenter' : 'visitor';
    if (view?.role === role) return;
    view?.destroy();
    replace(root);
    view =
      role === 'presenter'
        ? { role, ...presenterView(root, session, id, spec, lang) }
        : { role, ...visitorView(root, session, id, spec, lang) };
  };
  const stopStatus = session.subscribe((change) => {
    if (change.status) show();
  });
  show();
  return {
    destroy() {
      stopStatus();
      view?.destroy();
      release();
      root.remove();
    },
  };
}

function questionLabel(lang: Language, question: ExerciseQuestion, spec: ExerciseSpec): string {
  return t(lang, `exerciseQ.${question}`, { n: spec.textChars });
}

function visitorView(
  root: HTMLElement,
  session: LiveSession,
  id: string,
  spec: ExerciseSpec,
  lang: Language,
): { destroy(): void } {
  const inputs = new Map<ExerciseQuestion, HTMLInputElement>();
  const marks = new Map<ExerciseQuestion, HTMLElement>();
  const grid = h('div', { class: 'ws-exercise-grid' });
  for (const question of spec.questions) {
    const input = h('input', {
      class: 'ws-input',
      id: `ws-exercise-${id}-${question}`,
      'data-question': question,
      placeholder: t(lang, `exerciseHint.${question}`),
      autocomplete: 'off',
      spellcheck: 'false',
    });
    const mark = h('span', { class: 'ws-exercise-mark', 'aria-live': 'polite' });
    inputs.set(question, input);
    marks.set(question, mark);
    grid.append(
      h(
        'div',
        { class: 'ws-exercise-cell' },
        h('label', { for: input.id, text: questionLabel(lang, question, spec) }),
        input,
        mark,
      ),
    );
  }
  const button = h('button', {
    type: 'submit',
    class: 'ws-button ws-button-primary',
    text: t(lang, 'exerciseCheck'),
  });
  const status = h('span', { class: 'ws-exercise-status', role: 'status' });
  const form = h(
    'form',
    { class: 'ws-exercise-form' },
    grid,
    h('div', { class: 'ws-exercise-actions' }, button, status),
  );
  root.append(form);

  const showVerdicts = (verdicts: Verdicts) => {
    let right = 0;
    for (const question of spec.questions) {
      const ok = verdicts[question] === true;
      if (ok) right++;
      const mark = marks.get(question)!;
      mark.textContent = ok ? '✓' : '✗';
      mark.title = t(lang, ok ? 'exerciseRight' : 'exerciseWrong');
      mark.dataset.verdict = ok ? 'right' : 'wrong';
      inputs.get(question)?.setAttribute('aria-invalid', ok ? 'false' : 'true');
    }
    status.textContent = t(lang, 'exerciseScore', { right, total: spec.questions.length });
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const answers: Record<string, string> = {};
    const fields: ExerciseAnswerFields = {};
    for (const [question, input] of inputs) {
      answers[question] = input.value;
      fields[`answer.${question}`] = input.value;
    }
    void session.command({ type: 'exercise.answer', exercise: id, ...fields }).then((reply) => {
      if (reply.ok && typeof reply.verdicts === 'object' && reply.verdicts !== null) {
        showVerdicts(reply.verdicts as Verdicts);
        return;
      }
      // Alone with no server (a file, a static host): the same check, here; nobody's tally to join.
      const local = checkAnswers(spec, answers);
      if (local) showVerdicts(local);
      if (!reply.ok && reply.code !== 'offline') status.textContent = reply.message;
    });
  });
  return { destroy() {} };
}

function presenterView(
  root: HTMLElement,
  session: LiveSession,
  id: string,
  spec: ExerciseSpec,
  lang: Language,
): { destroy(): void } {
  const answered = h('p', { class: 'ws-exercise-answered', role: 'status' });
  const grid = h('div', { class: 'ws-exercise-grid ws-exercise-tally' });
  root.append(answered, grid);
  const draw = (tally: ExerciseTallyJson) => {
    answered.textContent = t(lang, 'exerciseAnswered', { n: tally.answered });
    replace(
      grid,
      ...spec.questions.map((question) => {
        const right = tally.right[question] ?? 0;
        const share = tally.answered === 0 ? 0 : right / tally.answered;
        return h(
          'div',
          { class: 'ws-exercise-cell', 'data-question': question },
          h('span', { class: 'ws-exercise-q', text: questionLabel(lang, question, spec) }),
          h(
            'span',
            { class: 'ws-exercise-bar', 'aria-hidden': 'true' },
            h('span', { class: 'ws-exercise-fill', style: `width:${Math.round(share * 100)}%` }),
          ),
          h('span', {
            class: 'ws-exercise-count',
            text: t(lang, 'exerciseRightOf', { right, n: tally.answered }),
          }),
        );
      }),
    );
  };
  draw({ exercise: id, answered: 0, right: {} });
  void session.command({ type: 'exercise.tally', exercise: id }).then((reply) => {
    if (reply.ok && reply.tally) draw(reply.tally as ExerciseTallyJson);
  });
  const stop = session.onServerPush((message) => {
    if (message.type === 'tally' && message.tally.exercise === id) draw(message.tally);
  });
  return { destroy: stop };
}
