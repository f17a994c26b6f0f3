import { useState, type FormEvent } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/store.js';
import { chooseServer } from './thunks.js';

/** Where is the group's server? (a NAS on the LAN, a VPS…). Remembered for next time. */
export function ServerScreen() {
  const dispatch = useAppDispatch();
  const current = useAppSelector((s) => s.session.serverUrl);
  const [url, setUrl] = useState(current ?? 'http://localhost:3000');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    dispatch(chooseServer(url))
      .unwrap()
      .catch((err: unknown) => setError(`Not a valid address: ${String(err)}`));
  };
  return (
    <main className="card narrow">
      <h1>Starhold</h1>
      <form onSubmit={submit}>
        <label>
          Server address
          <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="http://my-nas.local:3000" autoFocus />
        </label>
        <p className="hint">The address of your group's server, e.g. your NAS on the local network.</p>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit">Continue</button>
      </form>
    </main>
  );
}
