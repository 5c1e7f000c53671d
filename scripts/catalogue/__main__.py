"""Maintainer tool: draft specs from NCP's API catalogue, and check specs against it.

  python3 scripts/catalogue draft CATALOGUE.json [--curated SPEC.toml] > SPEC.toml
  python3 scripts/catalogue check CATALOGUE_DIR [SPEC_DIR] [--detail]

The catalogue is `../shared/catalogue/go-sdk-v2/` (NCP's Swagger definitions from the official Go
SDK). Neither the build nor the tests use this tool or the catalogue: it is run by hand.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from check import check  # noqa: E402
from common import load_catalogue, load_spec  # noqa: E402
from draft import draft, leading_comments  # noqa: E402


def usage():
    sys.exit(__doc__.strip())


def main(argv):
    if len(argv) < 2:
        usage()
    cmd, args = argv[0], argv[1:]
    if cmd == "draft":
        curated, header = None, ""
        if "--curated" in args:
            i = args.index("--curated")
            path = args[i + 1]
            del args[i : i + 2]
            if os.path.exists(path):
                curated, header = load_spec(path), leading_comments(path)
        sys.stdout.write(draft(load_catalogue(args[0]), curated, header))
    elif cmd == "check":
        detail = "--detail" in args
        args = [a for a in args if a != "--detail"]
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        spec_dir = args[1] if len(args) > 1 else os.path.join(root, "ncp-apis", "spec")
        sys.exit(0 if check(args[0], spec_dir, detail) else 1)
    else:
        usage()


main(sys.argv[1:])
