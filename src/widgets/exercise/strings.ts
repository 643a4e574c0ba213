import { defineStrings, type PlainKeyOf } from '../../shared/strings/defineStrings.ts';

/** The exercise widget's words, loaded with the widget (src/widgets/registry.ts imports it lazily). */
export const strings = defineStrings({
  en: {
    exerciseUnknown: 'This slide names an exercise the deck does not have: {id}',
    exerciseLabel: 'Class exercise: your answers',
    'exerciseQ.fin': 'FIN',
    'exerciseQ.opcode': 'opcode',
    'exerciseQ.masked': 'Masked?',
    'exerciseQ.length': 'Length',
    'exerciseQ.key': 'Key',
    'exerciseQ.text': 'First {n}',
    'exerciseHint.fin': '0 or 1',
    'exerciseHint.opcode': '0x…',
    'exerciseHint.masked': 'yes / no',
    'exerciseHint.length': 'bytes',
    'exerciseHint.key': 'hex',
    'exerciseHint.text': 'characters',
    exerciseCheck: 'Check my answers',
    exerciseRight: 'right',
    exerciseWrong: 'not right yet',
    exerciseScore: '{right} of {total} right',
    exerciseAnswered: '{n} answered (no names)',
    exerciseRightOf: '{right}/{n}',
  },
  zh: {
    exerciseUnknown: '这张幻灯片引用了一个不存在的练习：{id}',
    exerciseLabel: '课堂练习：你的答案',
    'exerciseQ.fin': 'FIN',
    'exerciseQ.opcode': 'opcode',
    'exerciseQ.masked': '有掩码？',
    'exerciseQ.length': '长度',
    'exerciseQ.key': '掩码键',
    'exerciseQ.text': '前 {n} 个字',
    'exerciseHint.fin': '0 或 1',
    'exerciseHint.opcode': '0x…',
    'exerciseHint.masked': '是 / 否',
    'exerciseHint.length': '字节',
    'exerciseHint.key': '十六进制',
    'exerciseHint.text': '字符',
    exerciseCheck: '检查答案',
    exerciseRight: '正确',
    exerciseWrong: '还不对',
    exerciseScore: '答对 {right} / {total}',
    exerciseAnswered: '{n} 人已作答（不记名）',
    exerciseRightOf: '{right}/{n}',
  },
});

export const t = strings.t;
export type PlainKey = PlainKeyOf<typeof strings>;
