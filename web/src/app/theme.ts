import { createTheme } from '@mantine/core';

/** The warm accent (calls to pay, counts): #c2410c keeps 5:1 contrast with white text. */
export const ACCENT = '#c2410c';

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 9, dark: 5 },
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  headings: { fontWeight: '700' },
  focusRing: 'auto',
  // Filled badges and buttons pick black or white text for contrast with their colour.
  autoContrast: true,
  cursorType: 'pointer',
  // People who ask their system for less motion get menus and dialogs without transitions.
  respectReducedMotion: true,
  components: {
    // Mantine's modal close button is an icon only: it needs a name (axe: button-name).
    // A plain object, not Modal.extend(): importing Modal here put the modal, its focus trap,
    // scroll lock, scroll area and floating-ui into every first load (~24 KB gzip).
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    // A light alert's title takes its colour's middle shade (green-6 on green-0 is 2.3:1, axe:
    // color-contrast); the tint and the icon carry the colour, the title stays readable.
    Alert: { styles: { title: { color: 'var(--mantine-color-text)' } } },
  },
});
