"""Generate a deterministic national-scale data folder: synthetic, illustrative, not real units.

63 provinces, about 700 district-level units and 10,000 communes (plus wards and townships), with
NTM statuses drawn from a seeded generator, and a plan with national-style milestones and the
same commendation rules as Plan 69 (for `ntm awards`).

    python bench/national.py OUT_DIR [--seed 2025]
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

PLAN = """\
# Synthetic national plan for benchmarks (illustrative, not a real document).
plan:
  id: synthetic-national-2021-2025
  number: "SYNTHETIC/2021-2025"
  title: "Kế hoạch tổng hợp (dữ liệu minh họa cho đo hiệu năng)"
  area: ""
  period: {start: 2021, end: 2025}
"""
# The ladder of levels, the criteria sets by scope and level, and the commendation rules are those
# of Plan 69 (the bundled targets.yaml), so the benchmark runs what the office runs.
SECTIONS = ("levels", "criteria", "recognition", "awards")


MILESTONE = """\
  - id: "{year}.{name}"
    year: {year}
    kind: {kind}
    scope: {scope}
    level: {level}
    target: {target}
    wording: "{wording}"
"""


def generate(out: Path, seed: int = 2025, provinces: int = 63) -> dict[str, int]:
    """Write units.csv, targets.yaml and criteria/ into `out`; return counts by kind. Fewer
    `provinces` give a regional registry: the first provinces of the national one."""
    import shutil

    from ntm_cli.sources.datadir import BUNDLED

    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(BUNDLED / "criteria", out / "criteria", dirs_exist_ok=True)
    rows: list[list[str]] = []
    counts = {"province": 0, "district": 0, "commune": 0, "other": 0}
    commune_code = district_code = 0
    for p in range(1, provinces + 1):
        province = f"{p:02d}"
        rows.append([province, f"Tỉnh Minh Họa {p}", "Tỉnh", "", "", "", "", "illustrative"])
        counts["province"] += 1
        for d in range(rng.randint(9, 13)):
            district_code += 1
            district = f"{district_code:03d}"
            kind = rng.choices(["Huyện", "Thị xã", "Thành phố"], [8, 1, 1])[0]
            years = _ladder(rng, district_level=True)
            rows.append(
                [district, f"{kind} Số {d + 1} {p}", kind, province, *years, "illustrative"]
            )
            counts["district"] += 1
            for c in range(rng.randint(13, 21)):
                commune_code += 1
                code = f"{commune_code:05d}"
                kind = rng.choices(["Xã", "Phường", "Thị trấn"], [15, 2, 1])[0]
                years = _ladder(rng) if kind == "Xã" else ("", "", "")
                rows.append(
                    [code, f"{kind} Ấp {c + 1} {d} {p}", kind, district, *years, "illustrative"]
                )
                counts["commune" if kind == "Xã" else "other"] += 1
    with (out / "units.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["code", "name", "kind", "parent_code", "ntm_year", "advanced_year",
                         "model_year", "source"])  # fmt: skip
        writer.writerows(rows)
    import yaml

    bundled = yaml.safe_load((BUNDLED / "targets.yaml").read_text(encoding="utf-8"))
    kept = {key: bundled[key] for key in SECTIONS if key in bundled}
    plan = PLAN + yaml.safe_dump(kept, allow_unicode=True, sort_keys=False) + "milestones:\n"
    shares = {2023: (75, 30, 6), 2024: (78, 36, 9), 2025: (80, 40, 10)}
    for year, targets in shares.items():
        for level, target in zip(("ntm", "advanced", "model"), targets, strict=True):
            plan += _milestone(
                year, f"xa-{level}", "share", "commune", level, target, f"{target}% xã"
            )
        # the counts in proportion to the provinces: 300 each for the whole country
        more = max(1, round(300 * provinces / 63))
        plan += _milestone(year, "xa-ntm-them", "increase", "commune", "ntm", more,
                           f"Thêm {more} xã")  # fmt: skip
        plan += _milestone(
            year, "huyen-ntm", "count", "district", "ntm", more, f"{more} đơn vị cấp huyện"
        )
    (out / "targets.yaml").write_text(plan, encoding="utf-8")
    return counts


def _milestone(
    year: int, name: str, kind: str, scope: str, level: str, target: int, wording: str
) -> str:
    return MILESTONE.format(
        year=year, name=name, kind=kind, scope=scope, level=level, target=target, wording=wording
    )


def _ladder(rng: random.Random, district_level: bool = False) -> tuple[str, str, str]:
    """Result years that climb the ladder: NTM, then advanced, then model, each less likely."""
    if rng.random() > (0.45 if district_level else 0.82):
        return "", "", ""
    ntm = rng.randint(2012, 2024)
    if ntm >= 2024 or rng.random() > 0.5:
        return str(ntm), "", ""
    advanced = rng.randint(max(ntm + 1, 2018), 2024)
    if advanced >= 2024 or rng.random() > 0.3:
        return str(ntm), str(advanced), ""
    return str(ntm), str(advanced), str(rng.randint(advanced + 1, 2024))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--provinces", type=int, default=63)
    args = parser.parse_args()
    print(generate(args.out, args.seed, args.provinces))
