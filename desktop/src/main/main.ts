// The Electron main process. This is the only file that imports 'electron': every decision
// (security policy, outbox storage, IPC input checks, the menu) lives in plain modules beside it.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, Menu, Notification, Tray, app, dialog, ipcMain, nativeImage, net, protocol, shell } from 'electron';
import { DESKTOP_APP_ORIGIN, DESKTOP_APP_SCHEME } from '@starhold/common';
import { IPC } from '../shared/desktop-api.js';
import { outboxHandlers, sanitizeNotification } from './ipc-handlers.js';
import { menuTemplate } from './menu.js';
import { FileOutboxStore } from './outbox-file-store.js';
import { appFilePath, hardenedWebPreferences, isAllowedNavigation, isPermissionAllowed, windowOpenDecision } from './security.js';

const APP_NAME = 'Starhold';
const rendererDir = path.join(__dirname, '..', 'renderer');
// The renderer is served from the app's own privileged scheme, not file://, so the server can allow
// exactly this origin cross-origin (see DESKTOP_APP_ORIGIN in common).
const entryUrl = `${DESKTOP_APP_ORIGIN}/index.html`;
protocol.registerSchemesAsPrivileged([
  { scheme: DESKTOP_APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);
const iconPath = path.join(__dirname, '..', 'renderer', 'icon.png');

let mainWindow: BrowserWindow | null = null;
let tray: Tray | null = null;

function showWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function createWindow(): BrowserWindow {
  const serverHint = process.env.STARHOLD_SERVER_URL;
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: APP_NAME,
    icon: iconPath,
    show: false,
    backgroundColor: '#0b1020',
    webPreferences: {
      ...hardenedWebPreferences(path.join(__dirname, 'preload.cjs')),
      additionalArguments: serverHint ? [`--starhold-server=${serverHint}`] : [],
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });
  win.loadURL(entryUrl).catch((e: unknown) => console.error(`could not load ${entryUrl}`, e));
  return win;
}

function notify(title: string, body: string): void {
  if (Notification.isSupported()) new Notification({ title, body, icon: iconPath }).show();
  else tray?.displayBalloon?.({ title, content: body });
}

function createTray(): void {
  const image = nativeImage.createFromPath(iconPath).resize({ width: 16, height: 16 });
  tray = new Tray(image);
  tray.setToolTip(APP_NAME);
  tray.setContextMenu(Menu.buildFromTemplate([{ label: `Show ${APP_NAME}`, click: showWindow }, { type: 'separator' }, { role: 'quit' }]));
  tray.on('click', showWindow);
}

function registerIpc(): void {
  const store = new FileOutboxStore({
    dir: path.join(app.getPath('userData'), 'outbox'),
    onCorrupt: (file, movedTo, reason) => console.error(`outbox: ${file} was unreadable (${reason}); kept it as ${movedTo} and started empty`),
  });
  void store.removeStaleTemps(); // never rejects: a file it cannot read or remove is skipped
  const outbox = outboxHandlers(store);
  // Only our own page may use the API.
  const fromApp = (e: Electron.IpcMainInvokeEvent | Electron.IpcMainEvent): boolean => e.senderFrame?.url === entryUrl;
  ipcMain.handle(IPC.outboxLoad, (e, scope: unknown) => {
    if (!fromApp(e)) throw new Error('forbidden');
    return outbox.load(scope);
  });
  ipcMain.handle(IPC.outboxSave, (e, scope: unknown, snapshot: unknown) => {
    if (!fromApp(e)) throw new Error('forbidden');
    return outbox.save(scope, snapshot);
  });
  ipcMain.on(IPC.notify, (e, n: unknown) => {
    const ok = fromApp(e) ? sanitizeNotification(n) : null;
    if (ok) notify(ok.title, ok.body);
  });
}

function harden(): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (ev, url) => {
      if (!isAllowedNavigation(url, entryUrl)) ev.preventDefault();
    });
    contents.on('will-redirect', (ev, url) => {
      if (!isAllowedNavigation(url, entryUrl)) ev.preventDefault();
    });
    contents.on('will-attach-webview', (ev) => ev.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const d = windowOpenDecision(url);
      if (d.openExternally) shell.openExternal(d.openExternally).catch((e: unknown) => console.error(`could not open ${d.openExternally}`, e));
      return { action: d.action };
    });
    contents.session.setPermissionRequestHandler((_wc, permission, callback) => callback(isPermissionAllowed(permission)));
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', showWindow);
  harden();
  app.whenReady().then(
    () => {
      app.setAppUserModelId('org.starhold.desktop');
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          menuTemplate({
            isMac: process.platform === 'darwin',
            appName: APP_NAME,
            dev: !app.isPackaged,
            onAbout: () =>
              void dialog.showMessageBox({
                type: 'info',
                title: APP_NAME,
                message: `${APP_NAME} ${app.getVersion()}`,
                detail: 'A self-hostable real-time space strategy game.',
              }),
          }),
        ),
      );
      protocol.handle(DESKTOP_APP_SCHEME, (req) => {
        const file = appFilePath(req.url, rendererDir, DESKTOP_APP_ORIGIN);
        return file ? net.fetch(pathToFileURL(file).toString()) : new Response('Not found', { status: 404 });
      });
      registerIpc();
      createTray();
      mainWindow = createWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
      });
    },
    (e: unknown) => {
      console.error('Starhold failed to start:', e);
      app.exit(1);
    },
  );
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
