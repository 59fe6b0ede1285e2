"""``pricelookup keys set|delete|status [SERVICE]``: keys in the OS keyring, never on screen."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from typing import TextIO

from pricelookup.errors import KeyStoreError
from pricelookup.secrets import KEY_ENV_VARS, KEY_NAMES, KeyStore, check_service
from pricelookup.settings import SERVICES


def keys_command(action: str, service: str | None, *, store: KeyStore | None = None,
                 read_secret: Callable[[str], str] = getpass.getpass,
                 out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run ``pricelookup keys ACTION [SERVICE]``; returns the exit code.

    ``status`` says where each key comes from without showing it; ``set``
    reads the key with getpass (no echo, not in the shell history); ``delete``
    removes it from the keyring. Exit 0 done, 2 bad usage, 3 keyring problem.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    store = store or KeyStore()
    try:
        if action == "status":
            for s in [service] if service else list(SERVICES):
                st = store.status(s)
                print(f"{s:<11} {KEY_NAMES[s]:<16} {st.detail}", file=out)
            return 0
        if not service:
            print(f"pricelookup: say which service: pricelookup keys {action} "
                  f"{{{'|'.join(SERVICES)}}}", file=err)
            return 2
        check_service(service)
        if action == "set":
            problem = store.problem()
            if problem:
                print(f"pricelookup: {store.no_keyring_error(service, problem)}", file=err)
                return 3
            key = read_secret(f"{KEY_NAMES[service]} (input hidden): ")
            if not key.strip():
                print("pricelookup: nothing entered; nothing stored.", file=err)
                return 2
            where = store.set(service, key)
            print(f"{KEY_NAMES[service]} stored in the system keyring ({where}).", file=out)
            if store.from_env(service):
                print(f"note: {KEY_ENV_VARS[service]} is set and takes precedence over the keyring.", file=out)
            return 0
        if action == "delete":
            if store.delete(service):
                print(f"{KEY_NAMES[service]} removed from the system keyring.", file=out)
            else:
                print(f"no {KEY_NAMES[service]} was stored in the system keyring.", file=out)
            if store.from_env(service):
                print(f"note: {KEY_ENV_VARS[service]} is still set in the environment.", file=out)
            return 0
    except KeyStoreError as exc:
        print(f"pricelookup: {exc}", file=err)
        return 3
    except (EOFError, KeyboardInterrupt):
        print("\npricelookup: cancelled; nothing stored.", file=err)
        return 2
    print(f"pricelookup: unknown action {action!r}; use set, delete or status.", file=err)
    return 2
