import type { ThemeConfig } from 'antd';

/**
 * Ant Design theme. Ant's default blue (#1677ff) and red (#ff4d4f) fall below the 4.5:1 contrast
 * WCAG 2.1 AA asks of text on white, and its tertiary/placeholder greys too; these tokens fix that.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0a4f96',
    colorLink: '#0a4f96',
    colorError: '#b3141c',
    colorSuccess: '#2f7a0c',
    colorWarning: '#a35a00',
    colorInfo: '#0a4f96',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.5)',
    fontFamily: "-apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif",
    borderRadius: 6,
  },
};
