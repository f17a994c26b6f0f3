export function findElectronBinary(electronDir: string | null, env?: NodeJS.ProcessEnv): string | null;
export function electronPackageDir(fromDir: string): string | null;
