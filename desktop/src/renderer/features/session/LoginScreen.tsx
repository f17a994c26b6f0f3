import { useState, type FormEvent } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/store.js';
import { changeServer } from './sessionSlice.js';
import { signIn } from './thunks.js';

export function LoginScreen() {
  const dispatch = useAppDispatch();
  const { serverUrl, busy, error, notice } = useAppSelector((s) => s.session);
  const pending = useAppSelector((s) => s.outbox.commands.length);
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void dispatch(signIn({ mode, username, password }));
  };
  const isWeb = /^https?:$/.test(location.protocol);
  return (
    <main className="card narrow">
      <h1>Starhold</h1>
      <p className="hint">
        Server: <strong>{serverUrl}</strong>{' '}
        {!isWeb && (
          <button type="button" className="link" onClick={() => dispatch(changeServer())}>
            change
          </button>
        )}
      </p>
      {notice && (
        <p role="status" className="notice">
          {notice}
          {pending > 0 ? ` (${pending} queued)` : ''}
        </p>
      )}
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={mode === 'login'} onClick={() => setMode('login')}>
          Log in
        </button>
        <button type="button" role="tab" aria-selected={mode === 'register'} onClick={() => setMode('register')}>
          Register
        </button>
      </div>
      <form onSubmit={submit}>
        <label>
          Username
          <input name="username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            required
            minLength={mode === 'register' ? 8 : 1}
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {mode === 'login' ? 'Log in' : 'Create account'}
        </button>
      </form>
    </main>
  );
}
