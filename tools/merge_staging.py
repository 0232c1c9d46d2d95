"""One-off helper used while curating: merge the per-region staging files into data/.

Kept in the repository so the provenance of the merge is reviewable; it is not part of the package.
Usage: python tools/merge_staging.py STAGING_DIR
"""

import csv
import sys
from pathlib import Path

staging = Path(sys.argv[1])
data = Path(__file__).resolve().parents[1] / "data"


def read(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write(path, rows, fields):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


sources = {}
for path in sorted(staging.glob("sources_*.csv")):
    for row in read(path):
        old = sources.get(row["source_id"])
        if old and old["url"] != row["url"]:
            print(f"conflict {row['source_id']}: {old['url']} vs {row['url']} ({path.name})")
            continue
        sources.setdefault(row["source_id"], row)
write(data / "sources.csv", sorted(sources.values(), key=lambda r: r["source_id"]), ["source_id", "publisher", "title", "url", "year", "note"])

markets = []
for path in sorted(staging.glob("channel_markets_*.csv")):
    markets += read(path)
if markets:
    fields = ["channel", "region", "reach", "base", "availability", "basis", "source_id", "year", "note"]
    write(data / "channel_markets.csv", sorted(markets, key=lambda r: (r["channel"], r["region"] != "WORLD", r["region"])), fields)

for name in ("channels.csv", "channel_sectors.csv", "channel_goals.csv", "levels.csv", "kpis.csv"):
    if (staging / name).exists():
        rows = read(staging / name)
        write(data / name, rows, list(rows[0]))
print(len(sources), "sources;", len(markets), "market rows")
