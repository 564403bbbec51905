"""The `tradefacts` command line: extract, pairs, evaluate, amounts, rules check."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from . import evaluation, pairtable, rulecheck, table
from .amounts import find_amounts
from .api import iter_files, run_paths
from .rulebook import RuleError

console = Console()
errors = Console(stderr=True)


@click.group()
@click.version_option(package_name="tradefacts")
def main():
    """Bilateral trade figures from news text, as a cited fact table."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="The fact table to write: .parquet, .csv or .jsonl.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary.")
def extract(paths, output, quiet):
    """Read .txt files and directories (recursively) and write the fact table."""
    if output.suffix.lower() not in table.FORMATS:
        raise click.BadParameter(f"must end in {', '.join(table.FORMATS)}", param_hint="--output")
    try:
        run = run_paths(paths)
    except RuleError as exc:
        errors.print(f"[red]rule error:[/] {exc}")
        sys.exit(2)
    table.write(table.to_arrow(run.facts), output)
    if not quiet:
        for warning in run.warnings:
            errors.print(f"[yellow]warning:[/] {warning}")
    for error in run.errors:
        errors.print(f"[red]error:[/] {error}")
    console.print(f"{run.documents} documents read, {len(run.facts)} facts found, "
                  f"{len(run.errors)} errors; wrote {output}")
    sys.exit(1 if run.errors else 0)


@main.command()
@click.argument("facts", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--pair", help="Only this pair: codes or names, e.g. KAZ-MNG or Kazakhstan-Mongolia.")
@click.option("--flow", type=click.Choice(pairtable.FLOW_ORDER), help="Only this flow.")
@click.option("--kind", type=click.Choice(evaluation.KINDS), help="Only this kind of figure.")
def pairs(facts, pair, flow, kind):
    """Print the country-pair table of a fact table: pairs and years by flow, with sources."""
    frame = _read_facts(facts)
    try:
        wanted = pairtable.resolve_pair(pair) if pair else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--pair")
    result = pairtable.build(frame, wanted, flow, kind)
    if not result.rows:
        console.print("no facts match")
        return
    out = Table(show_lines=True)
    out.add_column("pair")
    out.add_column("year", justify="right")
    for name in result.flows:
        out.add_column(name)
    for row in result.rows:
        out.add_row(" – ".join(row.names), "" if row.year is None else str(row.year),
                    *["\n".join(row.cells.get(name, [])) for name in result.flows])
    console.print(out)
    console.print("(target) a goal or forecast; ~ about; > more than; < at most; [n] the source:", markup=False)
    for number, note in enumerate(result.footnotes, 1):
        console.print(f"  [{number}] {note}", highlight=False, markup=False)


@main.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("docs_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(evaluation.KINDS), multiple=True, help="Kinds to score (default: all).")
def evaluate(gold, docs_dir, kind):
    """Extract from DOCS_DIR and score against GOLD (ANNOTATION.md section 5)."""
    try:
        gold_rows = evaluation.load_gold(gold)
    except ValueError as exc:
        raise click.ClickException(str(exc))
    docs = [path.name for path, _ in iter_files([docs_dir])]
    run = run_paths([docs_dir])
    predicted = [vars(f) for f in run.facts]
    console.print(f"{len(docs)} documents, {len(run.errors)} errors")
    for k in kind or evaluation.KINDS:
        s = evaluation.score(gold_rows, docs, predicted, k)
        console.print(f"{k}: {s.gold} gold, {s.predicted} predicted", highlight=False)
        for name, (p, r, f1) in (("core", s.core), ("strict", s.strict)):
            console.print(f"  {name:6} precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}", highlight=False)
        console.print(f"  period agreement {s.period_agreement:.3f}  approx agreement {s.approx_agreement:.3f}", highlight=False)


@main.command()
@click.argument("text")
def amounts(text):
    """Show every amount the reader finds in TEXT (for rule authors)."""
    out = Table()
    for column in ("text", "kind", "value", "unit", "approx", "assumed", "per"):
        out.add_column(column, no_wrap=column != "text")
    out.add_column("rules", overflow="fold")
    for a in find_amounts(text):
        out.add_row(text[a.start:a.end], a.kind, f"{a.value:,.10g}", a.unit or "", a.approx,
                    "yes" if a.unit_assumed else "", a.per or "", " ".join(a.rules))
    console.print(out)


@main.group()
def rules():
    """Rule files in rules/."""


@rules.command("check")
def rules_check():
    """Validate every rule file and run every rule's examples."""
    counts, failures, problems = rulecheck.check()
    for problem in problems:
        errors.print(f"[red]error:[/] {problem}", highlight=False)
    for path, n in counts.items():
        failed = sum(1 for f in failures if f.path == path)
        mark = "[green]ok[/]" if not failed else f"[red]{failed} failed[/]"
        console.print(f"{path}: {n} examples, {mark}")
    for failure in failures:
        errors.print(f"[red]FAIL[/] {failure}", highlight=False)
    sys.exit(1 if failures or problems else 0)


def _read_facts(path: Path):
    try:
        return table.read(path)
    except (ValueError, OSError) as exc:
        raise click.ClickException(f"{path}: cannot read the fact table: {exc}")
