// Renders a console component in jsdom the way the app does (Mantine, Apollo with mocked
// answers, a router), with the two browser APIs jsdom lacks and Mantine asks for.
import { MantineProvider } from '@mantine/core';
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';

function polyfill() {
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => {},
    removeEventListener: () => {},
    addListener: () => {},
    removeListener: () => {},
    dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia;
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
}

export function renderForTest(ui: ReactNode, mocks: MockLink.MockedResponse[]) {
  polyfill();
  return render(
    <MantineProvider>
      <MockedProvider mocks={mocks}>
        <MemoryRouter>{ui}</MemoryRouter>
      </MockedProvider>
    </MantineProvider>,
  );
}
