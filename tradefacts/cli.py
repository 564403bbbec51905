"""The `tradefacts` command line: extract, pairs, plot, report, compare, evaluate, train,
explain, amounts, rules check."""
from __future__ import annotations

import contextlib
import json
import logging
import sys
from pathlib import Path

import click
import pandas as pd
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import chart, corpus, evaluation, pairtable, rulebook, rulecheck, table
from .amounts import find_amounts
from .compare import compare
from .consolidate import consolidate
from .official import Official, OfficialError, read_official
from .report import write_report
from .api import run_paths
from .documents import DocumentError, document_from_record, make_document
from .linker import decision as decision_mod
from .linker import extract_document
from .linker.explain import describe
from .rulebook import RuleError
from .sources import DEFAULT_MAX_DOCUMENT_MB, Failure, document_name, input_files
from .usd import read_rates

console = Console()
errors = Console(stderr=True, soft_wrap=True)  # a path in a message stays on one line


@click.group()
@click.version_option(package_name="tradefacts")
def main():
    """Bilateral trade figures from news text, as a cited fact table."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


EXIT_OK, EXIT_SOME_FAILED, EXIT_UNUSABLE, EXIT_INTERRUPTED = 0, 1, 2, 130


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="The fact table: .parquet, .csv or .jsonl; with --engine dask, a directory of Parquet parts.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: every core).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run here, or on a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="The Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster of --jobs workers).")
@click.option("--partitions", type=click.IntRange(min=1), help="Dask: how many parts to split the inputs into (default: 4 per worker).")
@click.option("--resume", is_flag=True, help="Keep an existing output and skip the documents it holds (by content hash).")
@click.option("--max-document-mb", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_MAX_DOCUMENT_MB,
              show_default=True, help="A longer document is an error, not a hang.")
@click.option("--rates", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Exchange rates for value_usd: a CSV of currency, date or year, usd_per_unit.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out facts whose confidence (the calibrated chance that they are right) is lower.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no warnings; only the summary.")
def extract(paths, output, jobs, engine, scheduler, partitions, resume, max_document_mb, rates, min_confidence, quiet):
    """Extract the facts of PATHS (files, directories, globs: .txt, .html, .jsonl[.gz], .warc[.gz]).

    \b
    Exit status: 0 every document was read; 1 some documents failed, the facts of the
    others are written and the failures are in OUTPUT's errors file (facts.errors.jsonl
    beside facts.parquet); 2 nothing was written (bad arguments, inputs or rules);
    130 interrupted, nothing written.
    """
    progress = None if quiet or not errors.is_terminal else _progress_bar()
    try:
        rates = read_rates(rates) if rates else None
        with progress or contextlib.nullcontext():
            update = _updater(progress) if progress else None
            if engine == "dask":
                summary = corpus.run_dask(paths, output, scheduler, jobs, partitions, resume, max_document_mb, update, rates,
                                          min_confidence)
            else:
                if scheduler or partitions:
                    raise click.UsageError("--scheduler and --partitions go with --engine dask")
                summary = corpus.run(paths, output, jobs, resume, max_document_mb, update, rates, min_confidence)
    except ValueError as exc:  # InputError, RatesError and a bad --output are ValueErrors
        errors.print(f"[red]error:[/] {exc}", highlight=False)
        sys.exit(EXIT_UNUSABLE)
    except RuleError as exc:
        errors.print(f"[red]rule error:[/] {exc}", highlight=False)
        sys.exit(EXIT_UNUSABLE)
    except KeyboardInterrupt:
        errors.print("interrupted; nothing was written")
        sys.exit(EXIT_INTERRUPTED)
    if not quiet and summary.failed:
        for line in _first_errors(summary.errors_file, 10):
            errors.print(f"[red]error:[/] {line}", highlight=False)
    skipped = f", {summary.skipped} skipped as already in the output" if summary.skipped else ""
    console.print(f"{summary.documents} documents read ({summary.bytes / 1e6:.1f} MB in {summary.seconds:.1f} s), "
                  f"{summary.facts} facts found, {summary.failed} errors, {summary.warnings} warnings{skipped}; "
                  f"wrote {summary.output}" + (f" and {summary.errors_file}" if summary.failed or summary.warnings else ""),
                  highlight=False, soft_wrap=True)
    sys.exit(EXIT_SOME_FAILED if summary.failed else EXIT_OK)


def _progress_bar() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.fields[documents]:,} documents"), BarColumn(bar_width=None),
                    TextColumn("{task.fields[megabytes]:,.1f} MB  {task.fields[facts]:,} facts  "
                               "{task.fields[rate]:.2f} MB/s  {task.fields[failed]:,} errors"),
                    TimeElapsedColumn(), console=errors, transient=True)


def _updater(progress: Progress):
    task = progress.add_task("extract", total=None, documents=0, megabytes=0.0, facts=0, rate=0.0, failed=0)

    def update(summary: corpus.Summary) -> None:
        seconds = max(summary.seconds, 1e-9)
        progress.update(task, documents=summary.documents, megabytes=summary.bytes / 1e6, facts=summary.facts,
                        rate=summary.bytes / 1e6 / seconds, failed=summary.failed)
    return update


def _first_errors(path: Path, limit: int) -> list[str]:
    lines = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            problem = json.loads(line)
            if problem["level"] == "error":
                lines.append(f"{problem['doc']}: {problem['stage']}: {problem['error']}")
                if len(lines) == limit:
                    lines.append(f"... the rest in {path}")
                    break
    return lines


@main.command()
@click.argument("facts", type=click.Path(exists=True, path_type=Path))
@click.option("--pair", help="Only this pair: codes or names, e.g. KAZ-MNG or Kazakhstan-Mongolia.")
@click.option("--flow", type=click.Choice(pairtable.FLOW_ORDER), help="Only this flow.")
@click.option("--kind", type=click.Choice(evaluation.KINDS), help="Only this kind of figure.")
@click.option("--consolidated", is_flag=True,
              help="One row per figure however many documents state it; disagreeing sources flagged.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Only facts whose confidence (the calibrated chance that they are right) is at least this.")
def pairs(facts, pair, flow, kind, consolidated, min_confidence):
    """Print the country-pair table of a fact table: pairs and years by flow, with sources."""
    frame = _read_facts(facts)
    if min_confidence:
        if "confidence" not in frame.columns:
            raise click.ClickException(f"{facts}: the table has no confidence column (an older tradefacts wrote it)")
        frame = frame[frame["confidence"] >= min_confidence]
    if consolidated:
        frame = consolidate(frame)
    wanted = _pair_option(pair) if pair else None
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
    console.print("(target) a goal or forecast; ~ about; > more than; < at most; ≠ other sources give other "
                  "values; [n] the source:", markup=False)
    for number, note in enumerate(result.footnotes, 1):
        console.print(f"  [{number}] {note}", highlight=False, markup=False)


@main.command()
@click.argument("facts", type=click.Path(exists=True, path_type=Path))
@click.option("--pair", required=True, help="The pair: codes or names, e.g. KAZ-MNG.")
@click.option("--flow", type=click.Choice(pairtable.FLOW_ORDER), help="Only this flow.")
@click.option("--official", "official_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="An official trade table to draw beside the news (repeatable).")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="The chart: .png, .svg or .pdf.")
def plot(facts, pair, flow, official_files, output):
    """Draw a pair's money figures in US dollars: actual values by year, targets, disagreements."""
    frame = _read_facts(facts)
    wanted = _pair_option(pair)
    official = _read_official(official_files) if official_files else None
    try:
        chart.plot_pair(frame, wanted, output, flow, official)
    except ValueError as exc:
        raise click.ClickException(str(exc))
    console.print(f"wrote {output}", highlight=False)


@main.command("compare")
@click.argument("facts", type=click.Path(exists=True, path_type=Path))
@click.argument("official_files", metavar="OFFICIAL...", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the comparison: .parquet, .csv or .jsonl.")
@click.option("--tolerance", type=click.FloatRange(min=0), default=5.0, show_default=True,
              help="Percent within which a news figure agrees with an official one.")
@click.option("--pair", help="Only this pair: codes or names, e.g. KAZ-MNG.")
def compare_command(facts, official_files, output, tolerance, pair):
    """Hold every actual money fact against official trade tables (UN Comtrade, IMF DOTS, tidy CSV)."""
    frame = _read_facts(facts)
    official = _read_official(official_files)
    result = compare(frame, official, tolerance / 100)
    if output:
        try:
            table.write_frame(result, output)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--output")
    shown = result
    if pair:
        wanted = set(_pair_option(pair))
        shown = result[[{a, b} == wanted for a, b in zip(result["a"], result["b"])]]
    for (a_name, b_name), group in shown.groupby(["a_name", "b_name"], sort=True):
        out = Table(title=f"{a_name} – {b_name}", show_lines=True)
        for column in ("year", "flow", "news (sources)", "reporter", "mirror", "ratio", "verdict"):
            out.add_column(column, justify="right" if column in ("year", "ratio") else "left", overflow="fold")
        keys = ["year", "flow", "a", "b", "period"]
        for (year, flow, a, b, period), same in group.groupby(keys, dropna=False, sort=True):
            news, ratios, verdicts = [], [], []
            for (value, unit), rows in same.groupby(["value", "unit"], sort=True):
                first = rows.iloc[0]
                news.append(f"{pairtable.format_value(float(value), str(unit))} ({', '.join(sorted(set(rows['doc'])))})")
                ratios.append("" if pd.isna(first["ratio"]) else f"{first['ratio']:.3f}")
                reason = first["reason"] if first["verdict"] == "not compared" else None
                verdicts.append(first["verdict"] + (f": {reason}" if isinstance(reason, str) else ""))
            first = same.iloc[0]
            reporter = "" if pd.isna(first["official_value"]) else f"{pairtable.format_value(first['official_value'], 'USD')} ({a} reports)"
            mirror = "" if pd.isna(first["mirror_value"]) else f"{pairtable.format_value(first['mirror_value'], 'USD')} ({b} reports)"
            when = "" if pd.isna(year) else str(int(year))
            if isinstance(period, str) and period != when:
                when += f"\n{period}"
            out.add_row(when, f"{a}→{b} {flow}" if flow in ("export", "import") else flow, "\n".join(news), reporter,
                        mirror, "\n".join(ratios), "\n".join(verdicts))
        console.print(out)
    counts = result["verdict"].value_counts()
    console.print(", ".join(f"{counts.get(v, 0)} {v}" for v in ("agrees", "differs", "no official data", "not compared"))
                  + f" (tolerance {tolerance:g} %)" + (f"; wrote {output}" if output else ""), highlight=False)


def _pair_option(pair: str) -> tuple[str, str]:
    try:
        return pairtable.resolve_pair(pair)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--pair")


def _read_official(paths) -> Official:
    tables = []
    for path in paths:
        try:
            tables.append(read_official(path))
        except OfficialError as exc:
            raise click.ClickException(str(exc))
    official = Official.combine(tables)
    for problem in official.problems:
        errors.print(f"[yellow]note:[/] {problem}", highlight=False)
    return official


@main.command()
@click.argument("facts", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="The page to write (.html).")
def report(facts, output):
    """Write the audit page: the pair table and every fact's sentence, marked, with its source."""
    frame = _read_facts(facts)
    write_report(frame, output)
    console.print(f"wrote {output}: {len(frame)} facts from {frame['doc'].nunique()} documents", highlight=False)


@main.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("docs_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(evaluation.KINDS), multiple=True, help="Kinds to score (default: all).")
@click.option("--folds", type=click.IntRange(min=2), default=None,
              help="Cross-validate: fit the decision on all folds of the documents but one, score that one, "
                   "for each fold (the honest score on the documents the shipped weights were fitted on).")
def evaluate(gold, docs_dir, kind, folds):
    """Extract from DOCS_DIR and score against GOLD (ANNOTATION.md section 5)."""
    try:
        gold_rows = evaluation.load_gold(gold)
    except ValueError as exc:
        raise click.ClickException(str(exc))
    docs = [document_name(path, root) for path, root in input_files([docs_dir])]
    if folds:
        from .linker import training  # SciPy: loaded only to fit

        held = training.cross_validate(training.read_documents(docs_dir), gold_rows, folds)
        predicted = held.facts
        console.print(f"{len(docs)} documents, {folds}-fold cross-validation over documents")
    else:
        run = run_paths([docs_dir])
        predicted = [vars(f) for f in run.facts]
        console.print(f"{len(docs)} documents, {len(run.errors)} errors")
    _print_scores(gold_rows, docs, predicted, kind or evaluation.KINDS)
    if folds:
        _print_reliability(training.reliability(held, evaluation.correct(gold_rows, held.facts)))


def _print_scores(gold_rows, docs, predicted, kinds):
    for k in kinds:
        s = evaluation.score(gold_rows, docs, predicted, k)
        console.print(f"{k}: {s.gold} gold, {s.predicted} predicted", highlight=False)
        for name, (p, r, f1) in (("core", s.core), ("strict", s.strict)):
            console.print(f"  {name:6} precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}", highlight=False)
        console.print(f"  period agreement {s.period_agreement:.3f}  approx agreement {s.approx_agreement:.3f}", highlight=False)


def _print_reliability(rows):
    console.print("reliability of confidence (held-out facts, each fold calibrated on the others):")
    console.print("  band       facts  share right", highlight=False)
    for band, n, share in rows:
        console.print(f"  {band:9} {n:6}  {'' if share is None else f'{share:.3f}'}", highlight=False)


@main.command()
@click.argument("gold", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("docs_dir", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=decision_mod.WEIGHTS_FILE,
              show_default=True, help="Where to write the weights.")
@click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True,
              help="Folds of the cross-validation that calibrates confidence and gives the honest scores.")
def train(gold, docs_dir, output, folds):
    """Fit the decision's weights on GOLD and the documents of DOCS_DIR (default: the dev set,
    ../shared/eval/dev), calibrate confidence on a cross-validation, and write the weights."""
    if gold is None or docs_dir is None:
        dev = rulebook.PROJECT_ROOT.parent / "shared" / "eval" / "dev"
        gold, docs_dir = gold or dev / "gold.jsonl", docs_dir or dev / "docs"
        if not Path(gold).exists() or not Path(docs_dir).is_dir():
            raise click.UsageError(f"give GOLD and DOCS_DIR: the dev set is not at {dev}")
    from .linker import training  # SciPy: loaded only to fit

    try:
        result = training.train(docs_dir, gold, folds)
    except ValueError as exc:
        raise click.ClickException(str(exc))
    console.print(f"{len(result.docs)} documents; {folds}-fold cross-validation over documents:")
    _print_scores(result.gold_rows, result.docs, result.held.facts, evaluation.KINDS)
    _print_reliability(result.reliability)
    training.write(result, output, Path(gold), Path(docs_dir))
    console.print(f"wrote {output}: {len(result.decision.weights)} weights", highlight=False)


@main.command()
@click.argument("text", required=False)
@click.option("--doc", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Explain a document (any input extract reads) instead of TEXT.")
@click.option("--published", help="The page's date (YYYY-MM-DD), to resolve 'this year' in TEXT.")
def explain(text, doc, published):
    """For every figure of TEXT (or --doc FILE): the readings weighed, the evidence for each, the
    decision, and what dropped the figure where no fact was made."""
    if (text is None) == (doc is None):
        raise click.UsageError("give TEXT or --doc FILE")
    try:
        if doc is not None:
            item = next(iter(corpus.records([doc])))
            if isinstance(item, Failure):
                raise click.ClickException(f"{item.doc}: {item.error}")
            document = document_from_record(item)
        else:
            document = make_document(text, doc="<text>", published=published)
    except (ValueError, DocumentError) as exc:
        raise click.ClickException(str(exc))
    readings = []
    extract_document(document, readings=readings)
    if not readings:
        console.print("no figure of trade in the text (no money, quantity or change was read)")
    for line in describe(readings, decision_mod.shipped()):
        console.print(line, highlight=False, markup=False, soft_wrap=True)


@main.command()
@click.argument("text")
def amounts(text):
    """Show every amount the reader finds in TEXT (for rule authors)."""
    out = Table()
    for column in ("text", "kind", "value", "unit", "approx", "assumed", "per"):
        out.add_column(column, no_wrap=column != "text")
    out.add_column("or", overflow="fold")  # the other currencies an assumed sign may stand for
    out.add_column("rules", overflow="fold")
    for a in find_amounts(text):
        out.add_row(text[a.start:a.end], a.kind, f"{a.value:,.10g}", a.unit or "", a.approx,
                    "yes" if a.unit_assumed else "", a.per or "", " ".join(a.alternatives), " ".join(a.rules))
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
