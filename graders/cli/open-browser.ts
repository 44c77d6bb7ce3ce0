import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export interface OpenerContext {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Whether an executable of this name is on the PATH (a real lookup by default). */
  onPath?: (name: string) => boolean;
}

/**
 * The command that opens a URL in the user's browser, or undefined where none should be tried:
 * under CI (a build machine has nobody to look), on Linux and BSD without a display or without
 * `xdg-open`. macOS's `open` and Windows' `start` are always there.
 */
export function browserCommand(url: string, context: OpenerContext): string[] | undefined {
  const { platform, env } = context;
  if (isCi(env)) return undefined;
  if (platform === 'darwin') return ['open', url];
  if (platform === 'win32') return ['cmd', '/c', 'start', '""', url];
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return undefined;
  const onPath = context.onPath ?? ((name: string) => executableOnPath(name, env.PATH ?? ''));
  return onPath('xdg-open') ? ['xdg-open', url] : undefined;
}

/** `CI` set to anything but an explicit no, as GitHub Actions, GitLab, Travis and most others set it. */
function isCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI;
  return (ci !== undefined && ci !== '' && !/^(0|false|no)$/i.test(ci)) || env.GITHUB_ACTIONS === 'true' || env.BUILD_NUMBER !== undefined;
}

function executableOnPath(name: string, pathList: string): boolean {
  return pathList
    .split(path.delimiter)
    .filter(Boolean)
    .some((dir) => {
      try {
        accessSync(path.join(dir, name), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/** Opens the URL where a browser can show it; returns false when none was tried or it failed to start. */
export function openBrowser(url: string, onFailure: () => void): boolean {
  const command = browserCommand(url, { platform: process.platform, env: process.env });
  if (!command) return false;
  try {
    const child = spawn(command[0]!, command.slice(1), { stdio: 'ignore', detached: true });
    child.on('error', onFailure);
    child.unref();
    return true;
  } catch {
    onFailure();
    return false;
  }
}
