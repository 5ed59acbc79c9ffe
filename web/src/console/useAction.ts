// One action of a control at a time: busy while it runs, then what failed (a message a
// person can act on), shown beside the control rather than in a toast that goes away.
import { useCallback, useState } from 'react';
import { errorMessage } from '../app/screen-states';

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setFailure(null);
    try {
      return await work();
    } catch (e) {
      setFailure(errorMessage(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, failure, run };
}
