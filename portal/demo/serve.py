"""`make run`: the two demo identity providers next to the portal, so a
newcomer can try "Sign in with your organization". Stops them on exit."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time

from portal.demo.providers import DEMO_PROVIDERS, claims, issuer


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def start_providers() -> list[subprocess.Popen]:
    processes = []
    for spec in DEMO_PROVIDERS:
        if _listening(spec["port"]):
            print(f"port {spec['port']} is taken: assuming the demo provider for {spec['national']} runs already")
            continue
        args = [sys.executable, "-W", "ignore", "-m", "oidc_provider_mock", "--port", str(spec["port"]),
                "--require-nonce", "true"]
        for person in spec["people"]:
            args += ["--user-claims", json.dumps(claims(person))]
        processes.append(subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not all(_listening(spec["port"]) for spec in DEMO_PROVIDERS):
        time.sleep(0.2)
    return processes


def print_identities() -> None:
    print("\nSign in with your organization (type the e-mail under 'Sign in with your organization', then click")
    print("the person's name on the demo provider's page):")
    for spec in DEMO_PROVIDERS:
        print(f"  {spec['name']} at {issuer(spec)}")
        for person in spec["people"]:
            print(f"    {person['email']:<42} {person['shows']}")
    print()


def main() -> None:
    processes = start_providers()
    print_identities()
    from portal import create_app
    try:
        create_app().run(host="127.0.0.1", port=5000)
    finally:
        for process in processes:
            process.terminate()


if __name__ == "__main__":
    main()
