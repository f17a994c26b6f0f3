import { useEffect } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/store.js';
import { timeOf } from '../../ui/format.js';
import { notificationsCleared, notificationsRead } from './notificationsSlice.js';

export function NotificationsScreen() {
  const dispatch = useAppDispatch();
  const items = useAppSelector((s) => s.notifications.items);
  useEffect(() => {
    dispatch(notificationsRead());
  }, [dispatch, items.length]);
  return (
    <div>
      <h2>Notifications</h2>
      {items.length === 0 ? (
        <p className="hint">Nothing yet.</p>
      ) : (
        <>
          <ul className="notices" aria-label="Notifications">
            {items.map((n) => (
              <li key={n.id} className={`notice-${n.level}`}>
                <time>{timeOf(n.at)}</time> {n.text}
              </li>
            ))}
          </ul>
          <button type="button" className="secondary" onClick={() => dispatch(notificationsCleared())}>
            Clear
          </button>
        </>
      )}
    </div>
  );
}
