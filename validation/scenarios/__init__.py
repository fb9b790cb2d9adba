"""Independent synthetic CSE / exploitation scenarios with known ground truth.

``generate(seed, networks=12, noise_people=60)`` gives a :class:`Scenario` of canonical
reports (FORMATS.md section 1) and a truth dictionary; ``write(scenario, folder)`` writes
``reports.jsonl`` and ``truth.json``. See README.md in this folder.
"""

from validation.scenarios.build import Scenario, generate, write

__all__ = ["Scenario", "generate", "write"]
