import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** A sober government blue; shade 8 keeps white text above WCAG AA contrast (stack.md §8.2). */
const cds: MantineColorsTuple = [
  '#edf3fb',
  '#dbe5f3',
  '#b3c8e6',
  '#88a9d9',
  '#648fce',
  '#4d7ec7',
  '#4075c5',
  '#3264ad',
  '#28599b',
  '#1c4b86',
];

/** Traditional Chinese first (Hong Kong forms of the characters), then the platform's UI fonts. */
const CJK_FONTS =
  '"Noto Sans HK", "Noto Sans CJK HK", "Noto Sans TC", "Noto Sans CJK TC", "Microsoft JhengHei", "PingFang HK", "Heiti TC"';
const LATIN_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial';

export const theme = createTheme({
  primaryColor: 'cds',
  primaryShade: 8,
  colors: { cds },
  fontFamily: `${LATIN_FONTS}, ${CJK_FONTS}, sans-serif`,
  headings: { fontFamily: `${LATIN_FONTS}, ${CJK_FONTS}, sans-serif`, fontWeight: '600' },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  // Someone who asked their system for less motion gets none: modals, menus and panels appear at once.
  respectReducedMotion: true,
  components: {
    Button: { defaultProps: { radius: 'sm' } },
    Paper: { defaultProps: { radius: 'md' } },
    Table: { defaultProps: { verticalSpacing: 'sm', horizontalSpacing: 'md' } },
    // Every notification's close button has a name for screen readers (axe: button-name), even when
    // the code showing it gives none; pages that pass a translated label override this one.
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': '關閉 Close' } } },
  },
});

/** The nonce the node put in the page for Mantine's generated <style> elements (CSP). */
export function styleNonce(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
}
