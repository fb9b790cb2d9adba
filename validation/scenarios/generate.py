"""Command line: ``python -m validation.scenarios.generate --seed 7 --out DIR``.

The generator itself lives in :mod:`validation.scenarios.build`; :func:`generate`,
:func:`write` and :class:`Scenario` are re-exported here and from the package.
"""

from __future__ import annotations

import argparse
import sys
import types
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from validation.scenarios.build import Scenario, generate, write

__all__ = ["Scenario", "generate", "main", "write"]


class _CallableModule(types.ModuleType):
    """Importing this module rebinds ``validation.scenarios.generate`` to the module (the
    import system sets a package attribute per submodule), which would hide the function
    of the same name. Calling the module calls the function, so both spellings work."""

    def __call__(self, *args: Any, **kwargs: Any) -> Scenario:
        return generate(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m validation.scenarios.generate",
        description="Write a synthetic CSE / exploitation scenario with known ground truth.")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--networks", type=int, default=12, help="networks (default 12)")
    parser.add_argument("--noise-people", type=int, default=60,
                        help="background people outside any network (default 60)")
    args = parser.parse_args(argv)
    scenario = generate(args.seed, networks=args.networks, noise_people=args.noise_people)
    paths = write(scenario, args.out)
    truth = scenario.truth
    print(f"{len(scenario.reports)} reports, {len(truth['people'])} people, "
          f"{len(truth['networks'])} networks, {len(truth['key_offenders'])} key offenders")
    for name, path in paths.items():
        print(f"{name}: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
