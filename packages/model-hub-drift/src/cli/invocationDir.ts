/*
 * The directory the user typed the command in, so relative file arguments
 * mean what they meant there.
 *
 * `yarn model-hub-drift` in the monorepo runs a root script that runs
 * `yarn workspace ... run`, and each Yarn resets INIT_CWD to its own start
 * directory (the repo root, then the package), so INIT_CWD alone is not
 * enough. On Linux we therefore take the working directory of the outermost
 * Yarn process in our chain of parent processes; elsewhere INIT_CWD (set by
 * Yarn and npm/npx), then the process's own working directory.
 */
import { readFileSync, readlinkSync } from 'node:fs';

function isYarnProcess(cmdline: string[]): boolean {
  return cmdline
    .slice(0, 2)
    .some(a => /(^|\/)yarn([-.][^/]*)?(\.c?js)?$/.test(a));
}

function parentOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

function outermostYarnCwd(): string | undefined {
  if (process.platform !== 'linux' || !process.env.PROJECT_CWD)
    return undefined;
  let found: string | undefined;
  try {
    let pid = process.ppid;
    for (let depth = 0; depth < 12 && pid > 1; depth++) {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (isYarnProcess(cmdline)) found = readlinkSync(`/proc/${pid}/cwd`);
      else if (found) break; // left the chain of Yarn processes
      pid = parentOf(pid);
    }
  } catch {
    // /proc unavailable or a process ended: use what we have
  }
  return found;
}

export function invocationDirectory(): string {
  return outermostYarnCwd() ?? process.env.INIT_CWD ?? process.cwd();
}
