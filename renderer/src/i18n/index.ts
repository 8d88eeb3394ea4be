/** i18next set up once: Chinese by default, the choice remembered in localStorage, api errors follow it. */
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import 'dayjs/locale/en'
import { setApiLanguage } from '../api'
import { zh } from './zh'
import { en } from './en'

export type Lang = 'zh' | 'en'
const STORAGE_KEY = 'reserve.lang'

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh'
  } catch {
    return 'zh'
  }
}

function applySideEffects(lang: Lang) {
  setApiLanguage(lang)
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en')
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
}

const initial = storedLang()
applySideEffects(initial)

void i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
  returnNull: false,
})

export function setLanguage(lang: Lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang)
  } catch {
    /* private mode: the choice just isn't remembered */
  }
  applySideEffects(lang)
  void i18n.changeLanguage(lang)
}

export const currentLang = (): Lang => (i18n.language === 'en' ? 'en' : 'zh')
export default i18n
