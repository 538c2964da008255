/**
 * The command line that runs `bin args` so that it is killed when this process dies, however it dies
 * (a server killed with SIGKILL, an agent whose namespace went away): `setpriv --pdeathsig SIGKILL`
 * (util-linux) sets the parent-death signal, then execs the program in the same process. Long-running
 * children (ip monitor, tcpdump) otherwise outlive their parent: 65 `ip monitor` were found orphaned
 * after a morning of test servers started and stopped.
 */
export function dieWithParent(bin: string, args: readonly string[]): [string, string[]] {
  return ["setpriv", ["--pdeathsig", "SIGKILL", "--", bin, ...args]];
}
