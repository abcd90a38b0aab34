"""``innograph match`` (partners for an organisation or a call, saved matches) and
``innograph evaluate`` (the back-test on CORDIS folders, which never touches the database).

Thin commands over ``analytics.matching``; see ``docs/matchmaking.md``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from graph.errors import DataError, InnographError
from graph.output import Format, emit, plain
from innograph.console import say

if TYPE_CHECKING:
    from analytics.matching import History
    from ingest.cordis import CordisData


def _weights(weights_file: Path | None, weight: list[str]) -> Any:
    from analytics.matching import Weights

    return Weights.parse(weight, weights_file)


def _partner_rows(matches: list[Any]) -> list[dict[str, Any]]:
    return [m.as_row() for m in matches]


def _print_partners(rows: list[dict[str, Any]], fmt: Format, title: str) -> None:
    if fmt is Format.json:
        emit(rows, fmt)
        return
    if fmt is Format.csv:
        emit(
            [
                {
                    **r,
                    "components": json.dumps(r["components"]),
                    "explanation": " | ".join(r["explanation"]),
                }
                for r in rows
            ],
            fmt,
            [
                "rank",
                "id",
                "name",
                "fit",
                "kind",
                "size",
                "country",
                "region",
                "synthetic",
                "example",
                "funded",
                "score",
                "components",
                "explanation",
            ],
        )
        return
    table = [
        {
            "#": r["rank"],
            "name": r["name"],
            "fit": r["fit"],
            "kind": r["kind"],
            "country": r["country"] or "",
            "why": "\n".join(r["explanation"][:4]),
        }
        for r in rows
    ]
    emit(table, fmt, title=title)


def _print_call(result: dict[str, Any], fmt: Format) -> None:
    if fmt is Format.json:
        typer.echo(json.dumps(plain(result), ensure_ascii=False, indent=2))
        return
    if fmt is Format.csv:
        from analytics.matching.saved import COLUMNS, rows_of

        emit(rows_of({"result": result}), fmt, COLUMNS)
        return
    for line in result["rules"]:
        say(f"Rules: {line}")
    _print_partners(result["candidates"], fmt, "Candidates")
    if result.get("international_partners"):
        _print_partners(result["international_partners"], fmt, "Non-funded international partners")
    for n, c in enumerate(result["consortia"], start=1):
        rows = [
            {
                "member": m["name"],
                "role": m["role"],
                "kind": m["kind"],
                "size": m["size"] or "",
                "clusters": ", ".join(m["clusters"]),
                "alternatives": ", ".join(a["name"] for a in m["alternatives"]),
                "why": "\n".join(m["explanation"][:2]),
            }
            for m in c["members"]
        ]
        emit(
            rows,
            fmt,
            title=f"Consortium {n} ({c['cohesion'] * 100:.0f}% of member pairs already work "
            "together)",
        )
        for line in c["explanation"]:
            typer.echo(f"  - {line}")
    for p in result["problems"]:
        say(p)


def match(
    org: Annotated[str | None, typer.Option("--for", help="Organisation id or name")] = None,
    call: Annotated[
        Path | None, typer.Option("--call", help="A call file (YAML or JSON)", dir_okay=False)
    ] = None,
    theme: Annotated[str | None, typer.Option(help="Theme text for --for")] = None,
    clusters: Annotated[
        str | None, typer.Option(help="Only members of these clusters: A,B")
    ] = None,
    k: Annotated[int, typer.Option(help="How many partners", min=1, max=500)] = 10,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    weights_file: Annotated[
        Path | None,
        typer.Option("--weights", dir_okay=False, help="Signal weights (JSON or YAML mapping)"),
    ] = None,
    weight: Annotated[list[str], typer.Option("--weight", help="name=value, repeatable")] = [],  # noqa: B006
    include_synthetic: Annotated[
        bool, typer.Option(help="Also propose synthetic and example organisations")
    ] = False,
    international: Annotated[
        bool, typer.Option(help="A Flemish call: also list non-funded foreign partners")
    ] = False,
    save: Annotated[str | None, typer.Option(help="Save the request and answer as NAME")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the saved matches")] = False,
    export: Annotated[str | None, typer.Option(help="Export saved match NAME as CSV")] = None,
    out: Annotated[Path | None, typer.Option(help="CSV file for --export", dir_okay=False)] = None,
) -> None:
    """Partners for an organisation (--for) or a call (--call), explained; saved matches."""
    from analytics.matching import saved

    chosen = [x for x in (org, call, list_ or None, export) if x]
    if len(chosen) != 1:
        raise InnographError("Give exactly one of --for ORG, --call FILE, --list or --export NAME.")
    if list_:
        rows = [
            {k_: r[k_] for k_ in ("id", "created", "kind", "size")}
            | {"request": json.dumps(r["request"], ensure_ascii=False)[:120]}
            for r in saved.list_matches()
        ]
        if not rows and fmt is Format.table:
            say(f"No saved matches in {saved.matches_dir()}.")
            return
        emit(rows, fmt, ["id", "created", "kind", "size", "request"])
        return
    if export:
        if out is None:
            raise InnographError("--export needs --out FILE.csv.")
        path = saved.export_match(export, out)
        say(f"Saved match {export!r} written to {path}.")
        return

    from analytics.adapter import ModelCache, disk_build
    from analytics.matching import load_call, match_call, match_partners
    from graph.db import connect
    from graph.settings import get_settings

    # no --weight/--weights: the engine's defaults (a call's text leads over activity)
    w = _weights(weights_file, weight) if weights_file or weight else None
    shown = w.as_dict() if w else "default"
    request: dict[str, Any]
    with connect() as db:
        t0 = time.perf_counter()
        model = ModelCache(build=disk_build(get_settings().home / "cache")).get(db)
        t1 = time.perf_counter()
        if org:
            cl = [c.strip() for c in (clusters or "").split(",") if c.strip()]
            matches = match_partners(
                model,
                org,
                theme=theme,
                clusters=cl or None,
                k=k,
                weights=w,
                include_synthetic=include_synthetic,
            )
            t2 = time.perf_counter()
            rows = _partner_rows(matches)
            me = model.org(model.resolve(org))
            _print_partners(rows, fmt, f"Partners for {me['name']} ({me['id']})")
            request = {
                "for": org,
                "theme": theme,
                "clusters": cl,
                "k": k,
                "include_synthetic": include_synthetic,
                "weights": shown,
            }
            result: Any = rows
            kind = "partners"
        else:
            the_call = load_call(call)  # type: ignore[arg-type]
            if clusters:
                the_call.clusters = [c.strip() for c in clusters.split(",") if c.strip()]
            the_call.include_synthetic |= include_synthetic
            the_call.international |= international
            res = match_call(model, the_call, weights=w)
            t2 = time.perf_counter()
            result = res.as_dict()
            _print_call(result, fmt)
            request = {"call": the_call.as_dict(), "file": str(call), "weights": shown}
            kind = "call"
    say(
        f"(model of {model.n_orgs:,} organisations in {t1 - t0:.2f} s; answer in "
        f"{(t2 - t1) * 1000:.0f} ms)"
    )
    if save:
        mid = saved.save_match(kind=kind, request=request, result=result, name=save)
        say(f"Saved as {mid!r} in {saved.matches_dir()}.")


def history_of(data: CordisData) -> History:
    """The participations of a read CORDIS folder (``ingest.cordis.CordisData``) as the
    ``analytics.matching.History`` the back-test takes: one row per participation, in file
    order, the organisation's kind from ``ingest.cordis``'s activity-type map."""
    from analytics.matching import History
    from ingest.cordis import KINDS

    source = f"cordis:{data.folder.name}/organization.csv"
    projects = {p.key: p for p in data.projects}
    rows = []
    for x in data.participations:
        p = projects[x.project_key]
        name = x.name or x.short_name
        rows.append(
            {
                "org": f"PIC:{x.pic}",
                "name": name or f"PIC {x.pic}",
                "named": bool(name),
                "kind": KINDS.get(x.activity_type or "", "other"),
                "activity_type": x.activity_type,
                "country": x.country,
                "size": None if x.sme is None else ("sme" if x.sme else "large"),
                "project": p.key,
                "title": p.title or p.acronym or "",
                "acronym": p.acronym,
                "year": p.year,
                "start": p.start_date,
                "instrument": p.funding_scheme,
                "themes": list(p.legal_basis),
                "topics": list(p.topics),
                "role": x.role,
                "source": source,
                "source_ref": f"line {x.line}",
            }
        )
    return History(f"cordis:{data.folder.name}", str(data.folder), rows)


def read_history(folder: Path, what: str) -> History:
    """The ``History`` of a CORDIS folder; ``DataError`` when no project can be read."""
    from ingest.cordis import read_cordis

    data = read_cordis(folder)
    if not data.projects:
        raise DataError(
            data.problems or [], f"No projects could be read from the {what} folder {folder}"
        )
    if data.problems:
        say(
            f"{len(data.problems)} problem(s) in {folder}; those rows are left out, e.g. "
            f"{data.problems[0]}"
        )
    return history_of(data)


def evaluate(
    train: Annotated[
        Path,
        typer.Option(
            help="Training CORDIS folder (project.csv, organization.csv)", file_okay=False
        ),
    ],
    test: Annotated[Path | None, typer.Option(help="Test CORDIS folder", file_okay=False)] = None,
    split_year: Annotated[
        int | None,
        typer.Option(help="Projects starting before YEAR train, from YEAR on test (one folder)"),
    ] = None,
    k: Annotated[int, typer.Option(help="Cut-off of Hits@k and Recall@k", min=1)] = 10,
    deep: Annotated[int, typer.Option(help="The deeper recall cut-off", min=1)] = 50,
    country: Annotated[str, typer.Option(help="Queries from this country ('' = all)")] = "BE",
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    rankings: Annotated[
        Path | None, typer.Option(help="Write every query's top-k (.csv or .jsonl)", dir_okay=False)
    ] = None,
    methods: Annotated[str | None, typer.Option(help="Comma-separated subset of methods")] = None,
    weights_file: Annotated[Path | None, typer.Option("--weights", dir_okay=False)] = None,
    weight: Annotated[list[str], typer.Option("--weight", help="name=value, repeatable")] = [],  # noqa: B006
) -> None:
    """Back-test innograph's partner ranking and the baselines on real CORDIS consortia."""
    from analytics.matching import backtest

    if test is None and split_year is None:
        raise InnographError("Give --test DIR, or --split-year YEAR to split --train.")
    chosen = tuple(m.strip() for m in (methods or "").split(",") if m.strip()) or backtest.METHODS
    unknown = [m for m in chosen if m not in backtest.METHODS]
    if unknown:
        raise InnographError(
            f"Unknown method(s) {', '.join(unknown)}; known: {', '.join(backtest.METHODS)}."
        )
    w = _weights(weights_file, weight)
    t0 = time.perf_counter()
    train_data = read_history(train, "training")
    test_data = (
        read_history(test, "test")
        if test is not None and test.resolve() != train.resolve()
        else None
    )
    split = backtest.make_split(train_data, test_data, split_year=split_year, country=country)
    if not split.queries:
        raise InnographError(
            "No query organisation gains a new partner in the test data; "
            "check --country and the folders."
        )
    report, ranked = backtest.run(split, k=k, deep=deep, weights=w, methods=chosen)
    report["seconds"] = round(time.perf_counter() - t0, 2)
    if rankings:
        backtest.write_rankings(rankings, ranked)
        say(f"Rankings written to {rankings}.")
    d = split.description
    say(
        f"{report['queries']} queries ({d['country']}); training: {d['train_projects']:,} "
        f"projects, {d['train_organisations']:,} organisations, years "
        f"{'-'.join(map(str, d['train_years']))}; {d['new_partners_in_training']:,} new "
        f"partners to find ({d['new_partners_unseen_in_training']:,} more are new to the "
        f"training data and cannot be ranked); {report['seconds']} s."
    )
    if fmt is Format.json:
        typer.echo(json.dumps(plain(report), indent=2))
    else:
        emit(backtest.table_rows(report), fmt)


def register(app: typer.Typer) -> None:
    app.command("match")(match)
    app.command("evaluate")(evaluate)
