import { defineStrings, type PlainKeyOf } from './defineStrings.ts';

/**
 * The words of opening a capture and saving a session (the frame inspector's capture pane, the event
 * panel's replay): shared by two widgets, so kept here; the mechanism is src/shared/strings/defineStrings.ts.
 */
export const captureStrings = defineStrings({
  en: {
    modeCapture: 'Open a capture',
    chooseFile: 'Choose a .pcap, .pcapng or .har file',
    dropHere: 'or drop it here. It is read in this page, in a worker: nothing is uploaded.',
    decoding: 'Decoding {name} ({size}) in a worker…',
    decoded:
      '{name}: {format}, {packets} packets, {connections} WebSocket connections, {frames} frames, {ms} ms',
    noWebSocket: 'No WebSocket connection found in {name}.',
    connection: 'Connection',
    replayStart: 'Back to the first frame',
    replayStep: 'Next frame',
    replayPlay: 'Play at real pace',
    replayPause: 'Pause',
    replayAll: 'Show all',
    replayAt: 'frame {at} of {total}',
    tls: 'TLS',
    other: 'not WebSocket',
    saveSession: 'Save .pcapng',
    saveSessionLabel: 'Save this page’s connections as a pcapng file for Wireshark',
    reconstructed: 'reconstructed from a HAR',
    failed: 'Cannot read {name}: {reason}',
    reading: '{name}: {frames} frames so far, still reading…',
    replayTitle: 'Replay',
    replayOf: '{source} · frame {at} of {total}',
    replayNoEvents: 'No ping, pong or close yet at this point of the replay.',
  },
  zh: {
    modeCapture: '打开抓包文件',
    chooseFile: '选择 .pcap、.pcapng 或 .har 文件',
    dropHere: '或拖放到这里。文件在本页的 worker 中读取：不会上传。',
    decoding: '正在 worker 中解码 {name}（{size}）…',
    decoded: '{name}：{format}，{packets} 个数据包，{connections} 条 WebSocket 连接，{frames} 帧，{ms} 毫秒',
    noWebSocket: '{name} 中没有找到 WebSocket 连接。',
    connection: '连接',
    replayStart: '回到第一帧',
    replayStep: '下一帧',
    replayPlay: '按真实节奏播放',
    replayPause: '暂停',
    replayAll: '全部显示',
    replayAt: '第 {at} 帧，共 {total} 帧',
    tls: 'TLS',
    other: '不是 WebSocket',
    saveSession: '保存 .pcapng',
    saveSessionLabel: '把本页的连接保存为 Wireshark 可打开的 pcapng 文件',
    reconstructed: '由 HAR 重建',
    failed: '无法读取 {name}：{reason}',
    reading: '{name}：已读到 {frames} 帧，仍在读取…',
    replayTitle: '回放',
    replayOf: '{source} · 第 {at} 帧，共 {total} 帧',
    replayNoEvents: '回放到这里还没有 ping、pong 或关闭帧。',
  },
});

export const captureText = captureStrings.t;
export type CaptureTextKey = PlainKeyOf<typeof captureStrings>;
