"""Time the GIAS import on a synthetic national-size extract.

    .venv/bin/python bench/import_gias_bench.py [--rows 50000] [--seed 1]

Generates an extract with the real GIAS header (copied from schools/data/gias_sample.csv),
invented schools and deterministic random values, then times a first import, an unchanged
re-import, an import where 5% of rows changed and one where every row changed. It writes to a throwaway database: a
temporary SQLite file, or DATABASE_URL if set, which must be a scratch database (the
benchmark migrates it and fills it with invented schools). See bench/README.md.
"""

import argparse
import csv
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "schools" / "data" / "gias_sample.csv"
ENCODING = "cp1252"

WORDS = ["Oak", "Willow", "Harbour", "Meadow", "Kingsway", "Riverside", "Beacon", "Orchard", "Heath", "Lark"]
PLACES = ["Vale", "Hill", "Park", "Green", "Fields", "Brook", "Lane", "Cross", "Wood", "Moor"]
KINDS = ["Primary School", "Infant School", "Junior School", "Academy", "High School", "School"]
FIRST_NAMES = ["Siobhán", "René", "Chloë", "Sam", "Kwame", "Priya", "Tomasz", "Aisha", "Ewan", "Mei"]
LAST_NAMES = ["O'Brien", "Lefèvre", "Hughes", "Okafor", "Patel", "Nowak", "Khan", "Fraser", "Chen", "Smith"]
STATUSES = ["Open"] * 90 + ["Closed"] * 7 + ["Open, but proposed to close"] * 2 + ["Proposed to open"]


def main():
    """Parse arguments, prepare a throwaway database, and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=50_000, help="rows in the synthetic extract (default 50000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed, so runs are comparable (default 1)")
    parser.add_argument("--batch-size", type=int, default=None, help="rows per write (default: the import's own)")
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="gias-bench-"))
    try:
        database = _setup_django(workdir)
        _run(workdir, database, options)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _setup_django(workdir):
    """Point Django at a throwaway database before setup, migrate it, and describe it."""
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sws_site.settings.dev")
    # Timings as in production: with DEBUG on, Django keeps the SQL of every query in memory.
    os.environ.setdefault("DEBUG", "false")
    if os.environ.get("DATABASE_URL"):
        description = "DATABASE_URL (scratch database)"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
        description = "temporary SQLite file"

    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from schools.models import School

    if School.objects.exists():
        sys.exit("The database already holds schools. Set DATABASE_URL to an empty scratch database.")
    return f"{connection.vendor}, {description}"


def _run(workdir, database, options):
    """Time the three imports and print a table."""
    from schools.gias import DEFAULT_BATCH_SIZE, import_gias

    rows, batch_size = options.rows, options.batch_size or DEFAULT_BATCH_SIZE
    header, templates = _sample()
    rng = random.Random(options.seed)
    extract = [_school(rng, templates, number) for number in range(rows)]
    first = _write(workdir / "extract.csv", header, extract)
    changed_rows = rows // 20
    for row in rng.sample(extract, changed_rows):
        row["NumberOfPupils"] = str(int(row["NumberOfPupils"]) + 1)
    changed = _write(workdir / "extract_changed.csv", header, extract)
    # The worst case: a new GIAS release in which every school changed in two columns.
    for row in extract:
        row.update({"NumberOfPupils": str(int(row["NumberOfPupils"]) + 1), "LastChangedDate": "01-12-2026"})
    all_changed = _write(workdir / "extract_all_changed.csv", header, extract)

    runs = [
        ("first import", first),
        ("unchanged re-import", first),
        ("5% of rows changed", changed),
        ("every row changed", all_changed),
    ]
    print(f"GIAS import of {rows:,} rows in batches of {batch_size} on {database}, {os.cpu_count()} CPUs")
    print(f"{'run':<22}{'rows':>8}{'created':>9}{'updated':>9}{'unchanged':>11}{'seconds':>9}{'rows/s':>9}")
    results = []
    for label, path in runs:
        started = time.perf_counter()
        result = import_gias(path, batch_size=batch_size)
        seconds = time.perf_counter() - started
        results.append(result)
        print(
            f"{label:<22}{rows:>8}{result.created:>9}{result.updated:>9}{result.unchanged:>11}"
            f"{seconds:>9.2f}{rows / seconds:>9,.0f}"
        )
    expected = [(rows, 0, 0), (0, 0, rows), (0, changed_rows, rows - changed_rows), (0, rows, 0)]
    if [(r.created, r.updated, r.unchanged) for r in results] != expected:
        sys.exit(f"Unexpected counts: expected (created, updated, unchanged) of {expected}.")


def _sample():
    """The real GIAS header, and the sample's rows to copy the columns the import ignores from."""
    with SAMPLE.open(encoding=ENCODING, newline="") as stream:
        reader = csv.reader(stream)
        header = next(reader)
        return header, [dict(zip(header, cells, strict=True)) for cells in reader]


def _school(rng, templates, number):
    """One invented school, as a row of a national extract."""
    row = dict(rng.choice(templates))
    la_code = 201 + number % 150
    status = rng.choice(STATUSES)
    row.update(
        {
            "URN": str(100_000 + number),
            "LA (code)": str(la_code),
            "LA (name)": f"Authority {la_code}",
            "EstablishmentNumber": str(2000 + number % 5000),
            "EstablishmentName": f"{rng.choice(WORDS)} {rng.choice(PLACES)} {rng.choice(KINDS)}",
            "EstablishmentStatus (name)": status,
            "CloseDate": "31-08-2024" if status == "Closed" else "",
            "NumberOfPupils": str(rng.randint(40, 2000)),
            "Street": f"{rng.randint(1, 300)} {rng.choice(WORDS)} Road",
            "Town": f"{rng.choice(WORDS)}ton",
            "Postcode": f"ZZ{rng.randint(1, 99)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTU')}",
            "HeadFirstName": rng.choice(FIRST_NAMES),
            "HeadLastName": rng.choice(LAST_NAMES),
            "Easting": str(rng.randint(130_000, 650_000)),
            "Northing": str(rng.randint(10_000, 650_000)),
        }
    )
    return row


def _write(path, header, rows):
    """Write rows under the real header, in GIAS's encoding and line endings."""
    with path.open("w", encoding=ENCODING, newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows([row[column] for column in header] for row in rows)
    return path


if __name__ == "__main__":
    main()
