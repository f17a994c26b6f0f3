import { useAppSelector } from './store.js';
import { ServerScreen } from '../features/session/ServerScreen.js';
import { LoginScreen } from '../features/session/LoginScreen.js';
import { MainScreen } from './MainScreen.js';

export function App() {
  const screen = useAppSelector((s) => s.session.screen);
  if (screen === 'server') return <ServerScreen />;
  if (screen === 'login') return <LoginScreen />;
  return <MainScreen />;
}
