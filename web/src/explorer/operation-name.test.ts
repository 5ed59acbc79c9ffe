import { describe, expect, it } from 'vitest';
import { sentOperation } from './operation-name';

const nameOf = (query: string, given: string | null) => sentOperation(query, given).operationName;

describe('sentOperation', () => {
  it("keeps a name the document has, and replaces one it lost with its only operation's", () => {
    expect(nameOf('query A { me { id } } query B { me { id } }', 'B')).toBe('B');
    expect(nameOf('{ categories { slug } }', 'Categories')).toBeNull();
    expect(nameOf('subscription Live { bookingUpdated { booking { id } } }', 'Categories')).toBe('Live');
  });

  it('hands on the text as parsed, so a subscription is seen as one', () => {
    const { document } = sentOperation('subscription { bookingUpdated { booking { id } } }', 'Categories');
    expect(document?.definitions[0]).toMatchObject({ operation: 'subscription' });
  });

  it('leaves the choice to the server when it cannot tell', () => {
    expect(nameOf('query A { me { id } } query B { me { id } }', 'C')).toBe('C');
    expect(sentOperation('{ categories', 'Categories')).toEqual({ operationName: 'Categories', document: undefined });
  });
});
