import type { Messages } from './en';

/** Russian, with Partner Center's own terms (Клиенты, Учетная запись, Обновить, Отправить). */
export const ru: Messages = {
  appName: 'Customer Desk',
  role: 'Роль',
  'role.global-admin': 'Глобальный администратор',
  'role.admin-agent': 'Агент администратора',
  'role.sales-agent': 'Агент по продажам',
  'role.helpdesk-agent': 'Агент службы поддержки',
  'role.billing-admin': 'Администратор выставления счетов',
  currentRole: 'Текущая роль: {role}',
  openInSidePanel: 'Открыть на боковой панели',
  searchCustomers: 'Поиск клиентов',
  searchPlaceholder: 'Компания, домен, контакт, адрес электронной почты или ID',
  customers: 'Клиенты',
  searching: 'Поиск…',
  noResults: 'Нет клиентов, соответствующих «{query}».',
  resultCount: { one: '{count} клиент', few: '{count} клиента', many: '{count} клиентов', other: '{count} клиента' },
  loadError: 'Не удалось связаться с API Customer Desk: {message}',
  retry: 'Повторить',
  billingContact: 'Контакт для выставления счетов',
  back: 'Назад к поиску',
  loading: 'Загрузка…',
};
