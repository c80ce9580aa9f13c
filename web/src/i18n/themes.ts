/**
 * Theme names in the explorer's languages other than English, by theme id without its `theme:` prefix. English
 * names are the corpus's own labels (corpus/vocab/themes.yaml); these are our own UI terms, guided by the themes'
 * keywords in that language. A test keeps them complete against themes.yaml.
 */
import type { Language } from './languages.js';

export const themeNames: Record<Exclude<Language, 'en'>, Readonly<Record<string, string>>> = {
  zh: {
    cybersecurity: '网络安全',
    'critical-infrastructure': '关键信息基础设施',
    'incident-response': '事件应急响应',
    cybercrime: '网络犯罪',
    'personal-data': '个人信息保护',
    'data-governance': '数据安全与跨境传输',
    'data-localisation': '数据本地化',
    'cross-border-data': '数据跨境传输',
    'e-commerce': '电子交易与电子商务',
    'digital-economy': '数字经济',
    'online-content': '网络信息内容',
    'cyber-strategy': '国家网络战略与治理',
    'cyber-sovereignty': '网络主权',
    'international-cooperation': '国际合作',
    'capacity-building': '能力建设',
    'confidence-building': '建立信任',
    'digital-infrastructure': '互联网基础设施与互联互通',
    'disaster-reduction': '信息通信技术防灾减灾',
  },
};
