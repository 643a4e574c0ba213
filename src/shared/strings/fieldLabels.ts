import type { FieldName, Language } from '../../protocol/index.ts';
import { defineStrings } from './defineStrings.ts';

/** A header field's name as the RFC's figure spells it (deck diagram, bit grid, room frame). */
export const strings = defineStrings({
  en: {
    'field.FIN': 'FIN',
    'field.RSV1': 'RSV1',
    'field.RSV2': 'RSV2',
    'field.RSV3': 'RSV3',
    'field.opcode': 'opcode',
    'field.MASK': 'MASK',
    'field.payloadLength': 'Payload len',
    'field.extendedPayloadLength': 'Extended payload length',
    'field.maskingKey': 'Masking-key',
    'field.payload': 'Payload Data',
  },
  zh: {
    'field.FIN': 'FIN',
    'field.RSV1': 'RSV1',
    'field.RSV2': 'RSV2',
    'field.RSV3': 'RSV3',
    'field.opcode': '操作码',
    'field.MASK': 'MASK',
    'field.payloadLength': '负载长度',
    'field.extendedPayloadLength': '扩展负载长度',
    'field.maskingKey': '掩码键',
    'field.payload': '负载数据',
  },
});

/** A header field's name as the RFC's figure spells it, in a language (`FIN`, `Payload len`, …). */
export function fieldLabel(lang: Language, name: FieldName | string): string {
  const key = `field.${name}`;
  return strings.has(key) ? strings.t(lang, key) : name;
}
