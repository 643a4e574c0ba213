import { defineStrings } from '../../shared/strings/defineStrings.ts';

/** The room bar's words: a visitor following the presenter, and the presenter's count. */
export const strings = defineStrings({
  en: {
    roomLabel: 'The room',
    roomFollowing: 'Following the presenter',
    roomAway: 'Browsing on your own',
    roomBackInSync: 'Back to the presenter (R)',
    roomBackTitle: 'Jump to where the presenter is and follow again (key R)',
    roomReconnecting: 'Room: reconnecting…',
    roomPresenterAway: 'The presenter is away: you stay here until they are back',
    roomNoPresenterYet: 'Waiting for the presenter',
    roomPresenterCount: 'Room: {connected} connected · {following} following',
    roomPresenterRefused:
      'Presenter token refused ({why}): this page carries on as an ordinary visitor. Open the presenter URL the server printed at start.',
    roomDismiss: 'OK',
  },
  zh: {
    roomLabel: '课堂',
    roomFollowing: '正在跟随演讲者',
    roomAway: '正在自行浏览',
    roomBackInSync: '回到演讲者的位置（R）',
    roomBackTitle: '跳到演讲者所在的幻灯片并继续跟随（按键 R）',
    roomReconnecting: '课堂：正在重新连接…',
    roomPresenterAway: '演讲者暂时离开：你留在这里，等他回来',
    roomNoPresenterYet: '等待演讲者',
    roomPresenterCount: '课堂：{connected} 人在线 · {following} 人跟随',
    roomPresenterRefused:
      '演讲者令牌被拒绝（{why}）：本页以普通访客身份继续。请打开服务器启动时打印的演讲者网址。',
    roomDismiss: '知道了',
  },
});

export const t = strings.t;
