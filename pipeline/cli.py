"""The ``ntm`` command line: thin commands over the pipeline's functions."""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
DEFAULT_DB = "db/ntm.db"

# Exit codes: 0 all good, 1 some inputs failed (the rest were stored), 2 usage error
# (click's own), 3 nothing could be processed.
EXIT_PARTIAL = 1
EXIT_NOTHING = 3


def db_option(f):
    return click.option(
        "--db",
        "db_path",
        default=DEFAULT_DB,
        show_default=True,
        type=click.Path(dir_okay=False),
        help="SQLite database file.",
    )(f)


@click.group(context_settings=CONTEXT_SETTINGS)
@click.option("-v", "--verbose", count=True, help="More logging on stderr (-vv for debug).")
@click.version_option(package_name="ntm-news")
def cli(verbose):
    """ntm-news: NTM facts from Vietnamese news into SQLite and Datasette.

    \b
    Example:
        ntm ingest corpus/samples --db db/ntm.db
        ntm serve --db db/ntm.db
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--province", default=None, help="Province to assume when the text names none.")
@click.option("-s", "--silent", is_flag=True, help="No progress bar.")
def ingest(paths, db_path, province, silent):
    """Read files or folders (.txt, .html, .md), extract facts and load them.

    Re-running is safe: unchanged files are left alone, a changed file's facts
    are replaced in one transaction. Unreadable inputs are reported on stderr,
    recorded in the table ingest_failures, and the rest of the batch goes on.

    \b
    Example:
        ntm ingest corpus/samples reports/baocao.txt --db db/ntm.db
    """
    from pipeline.run import ingest_paths

    def on_error(source, reason):
        click.echo(f"error: {source}: {reason}", err=True)

    def progress(items):
        if silent or len(items) < 2:
            return items
        return _progressbar(items)

    summary = ingest_paths(paths, db_path, on_error=on_error, progress=progress, province_hint=province)
    click.echo(summary.line(), err=True)
    if summary.failed and not (summary.new or summary.unchanged or summary.replaced):
        sys.exit(EXIT_NOTHING)
    if summary.failed:
        sys.exit(EXIT_PARTIAL)


def _progressbar(items, label="ingesting", show=lambda p: p.name if p else ""):
    with click.progressbar(items, label=label, file=sys.stderr, show_pos=True, item_show_func=show) as bar:
        yield from bar


@cli.command()
@click.option("--sources", "sources_path", required=True, type=click.Path(exists=True, dir_okay=False),
              help="TOML file listing feeds, sitemaps and listing pages (see corpus/sources.example.toml).")
@db_option
@click.option("-s", "--silent", is_flag=True, help="No progress bar.")
def crawl(sources_path, db_path, silent):
    """Fetch articles from provincial feeds, sitemaps and listing pages, politely.

    robots.txt is obeyed, one request at a time per host with a delay; only new
    or changed articles are fetched (conditional GET). Every URL's outcome goes
    to the table crawl_log; failures are reported on stderr and the run goes on.
    Interrupted (Ctrl-C, kill), it leaves the database consistent: run it again.

    \b
    Example:
        ntm crawl --sources corpus/sources.example.toml --db db/ntm.db
    """
    from pipeline.crawl import crawl as run_crawl
    from pipeline.sources import SourcesError

    def on_error(url, reason):
        click.echo(f"error: {url}: {reason}", err=True)

    def progress(items, label):
        if silent or len(items) < 2:
            return items
        return _progressbar_labelled(items, label)

    try:
        summary = run_crawl(sources_path, db_path, on_error=on_error, progress=progress)
    except SourcesError as e:
        raise click.BadParameter(str(e), param_hint="--sources")
    except KeyboardInterrupt:
        click.echo("interrupted: what was stored is consistent; run the command again to resume", err=True)
        sys.exit(130)
    click.echo(summary.line(), err=True)
    if summary.nothing_done:
        sys.exit(EXIT_NOTHING)
    if summary.failed:
        sys.exit(EXIT_PARTIAL)


def _progressbar_labelled(items, label):
    return _progressbar(items, label=label, show=lambda link: link.url[-50:] if link else "")


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True)
@click.option("--province", default=None, help="Province to assume when the text names none.")
def extract(file, fmt, province):
    """Run the extractors on one file, without a database.

    ``--format json`` prints the SPEC.md document object.

    \b
    Example:
        ntm extract corpus/samples/01_tra-vinh.txt --format json
    """
    from pipeline.errors import IngestError
    from pipeline.run import analyse, document_from_file, document_json

    try:
        doc = document_from_file(Path(file), province_hint=province)
    except IngestError as e:
        click.echo(f"error: {e.source}: {e.reason}", err=True)
        sys.exit(EXIT_NOTHING)
    try:
        facts = analyse(doc)
    except Exception as e:  # an extractor bug: say which file, keep the traceback for -v
        logging.getLogger(__name__).debug("extracting %s", doc.source, exc_info=True)
        click.echo(f"error: {doc.source}: extractor error ({type(e).__name__}: {e}); please report it "
                   "with this file", err=True)
        sys.exit(EXIT_NOTHING)
    if fmt == "json":
        click.echo(json.dumps(document_json(doc, facts), ensure_ascii=False, indent=2))
        return
    click.echo(f"{doc.source}  published={doc.published}  id={doc.id}")
    for kind, items in facts.items():
        click.echo(f"\n{kind} ({len(items)})")
        for f in items:
            spec = f.to_spec()
            for k in ("quote", "start", "end", "sentence"):
                spec.pop(k, None)
            click.echo(f"  [{f.evidence.start}:{f.evidence.end}] {_brief(spec)}  «{f.quote}»")


def _brief(spec: dict) -> str:
    parts = []
    for k, v in spec.items():
        if isinstance(v, dict):
            v = f"{v.get('level')} {v.get('name')}" + (f" ({v['province']})" if v.get("province") else "")
        if v is None or v == []:
            continue
        parts.append(f"{k}={v}")
    return " ".join(parts)


@cli.command()
@db_option
@click.option("--all", "everything", is_flag=True, help="Re-run every document, not only those made by "
              "other extractor versions.")
@click.option("-s", "--silent", is_flag=True, help="No progress bar.")
def reprocess(db_path, everything, silent):
    """Re-run the current extractors over stored documents.

    Each document's facts are replaced in one transaction; facts record the
    extractor version that made them (column extractor_version), and documents
    already made by the current versions are skipped unless --all is given.
    Nothing is fetched or read from disk again.

    \b
    Example:
        ntm reprocess --db db/ntm.db
    """
    from pipeline.run import reprocess as run_reprocess

    if not Path(db_path).exists():
        click.echo(f"error: {db_path}: no such database; run `ntm ingest` first", err=True)
        sys.exit(EXIT_NOTHING)

    def progress(items):
        if silent or len(items) < 2:
            return items
        return _progressbar(items, label="reprocessing", show=lambda d: d or "")

    summary = run_reprocess(db_path, everything=everything, progress=progress)
    click.echo(summary.line(), err=True)


@cli.command()
@db_option
@click.option("--port", default=8001, show_default=True, type=int, envvar="NTM_PORT")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default).")
def serve(db_path, port, host):
    """Publish the database with Datasette, with the project's metadata.

    \b
    Example:
        ntm serve --db db/ntm.db --port 8001
    """
    from db.publish import serve as run_server

    if not Path(db_path).exists():
        click.echo(f"error: {db_path}: no such database; run `ntm ingest` first", err=True)
        sys.exit(EXIT_NOTHING)
    run_server(db_path, port=port, host=host)


def main():  # pragma: no cover
    cli()
