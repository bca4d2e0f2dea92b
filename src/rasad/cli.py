"""The `rasad` command line: analyze, train, eval (and ingest / serve / export from rasad.cli_corpus).

Every expected failure is a RasadError: it is printed as one line `rasad: error[CODE]: message` on stderr and the
process exits non-zero, without a traceback. Per-record problems in a batch are printed as `ORIGIN: reason` and the
batch goes on.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from rasad import __version__
from rasad.errors import InputError, RasadError, UsageError

app = typer.Typer(
    name="rasad",
    help="rasad (رصد): Arabic news → entities, dates, events and claims, each with character offsets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
train_app = typer.Typer(help="Reproduce the shipped models from the training data.", no_args_is_help=True)
eval_app = typer.Typer(help="Score rasad against gold data.", no_args_is_help=True)
app.add_typer(train_app, name="train")
app.add_typer(eval_app, name="eval")


class OutputFormat(StrEnum):
    json = "json"
    text = "text"
    plover = "plover"


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"--date must be a date like 2023-09-12, not {value!r}") from None


def _err(message: str) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")
    sys.stderr.flush()


def _multi_record(sources: list[str]) -> bool:
    if len(sources) > 1:
        return True
    p = Path(sources[0])
    name = p.name.lower()
    return p.is_dir() or name.endswith((".jsonl", ".ndjson", ".warc", ".warc.gz", ".arc", ".rss", ".atom", ".xml"))


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, JSONL/feeds/WARC, or - for stdin.")],
    date_: Annotated[
        str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD) where metadata has none.")
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="json, text (terminal report) or plover.")] = (
        OutputFormat.json
    ),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    progress: Annotated[bool, typer.Option(help="Progress bar on stderr (only shown on a terminal).")] = True,
) -> None:
    """Analyse articles: one document → one JSON object; several → JSON Lines (one object per line)."""
    from rasad.ingest import IngestProblem, read_sources
    from rasad.pipeline import build_pipeline

    default_date = _check_date(date_)
    pipeline = build_pipeline()
    items = read_sources(paths, default_date=default_date)
    out: IO[str] = output.open("w", encoding="utf-8") if output else sys.stdout
    multi = _multi_record(paths)
    written = 0
    held: list[Any] = []  # problems are held back until a document succeeds, so a lone failure is one line
    pending: Any = None  # the first analysis, held back until we know whether more follow

    def emit(analysis: Any, jsonl: bool) -> None:
        nonlocal written
        written += 1
        if fmt is OutputFormat.text:
            from rasad.report import render_report

            render_report(analysis, out)
        elif fmt is OutputFormat.plover:
            from rasad.export.plover import to_plover

            for rec in to_plover(analysis):
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        elif jsonl:
            out.write(json.dumps(analysis.to_dict(), ensure_ascii=False) + "\n")
        else:
            out.write(json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2) + "\n")

    from rasad.ingest.sources import expected_count
    from rasad.progress import progress_bar

    try:
        show = progress and multi and sys.stderr.isatty()
        total = expected_count(paths) if show else None
        with progress_bar(enabled=show, description="analysing", total=total) as advance:
            for item in items:
                if isinstance(item, IngestProblem):
                    if written or pending is not None:
                        _err(str(item))
                    else:
                        held.append(item)
                    continue
                for problem in held:
                    _err(str(problem))
                held.clear()
                analysis = pipeline.analyze(item)
                for error in analysis.errors:
                    _err(f"{item.id}: stage failed: {error}")
                advance()
                if multi:
                    emit(analysis, jsonl=True)
                elif pending is None:
                    pending = analysis
                else:  # a single path that turned out to hold several documents
                    emit(pending, jsonl=True)
                    emit(analysis, jsonl=True)
                    pending = None
                    multi = True
            if pending is not None:
                emit(pending, jsonl=False)
    finally:
        if output:
            out.close()
    if written == 0:
        if len(held) == 1:
            raise InputError(str(held[0]))
        for problem in held:
            _err(str(problem))
        raise InputError(f"no document could be analysed ({len(held)} problems above)")


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def _print_result(result: dict[str, Any], as_json: bool, module: Any) -> None:
    typer.echo(module.format_report(result))
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))


def _component(module_name: str) -> Any:
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            raise UsageError(f"{module_name} is not part of this installation") from None
        raise


def _existing(path: Path, what: str) -> Path:
    if not path.exists():
        raise UsageError(f"{what} {path} does not exist")
    return path


@eval_app.command("ner")
def eval_ner(
    gold: Annotated[Path, typer.Argument(help="CoNLL file: `token TAG` lines, blank line between sentences.")],
    as_json: Annotated[bool, typer.Option("--json", help="Last stdout line: one JSON object of scores.")] = False,
    wojood: Annotated[
        bool, typer.Option("--wojood", help="GOLD is in the Wojood nested format (scored on PER/LOC/ORG).")
    ] = False,
    anercorp_convention: Annotated[
        bool, typer.Option("--anercorp-convention", help="With --wojood: restate the gold spans the way ANERcorp "
                           "annotates (head nouns outside names), to separate convention from recognition.")
    ] = False,
    sentence_level: Annotated[
        bool, typer.Option("--sentence-level", help="Score the tagger's sentence-level tags, without the "
                           "document-level consistency pass `rasad analyze` runs (docs/models/ner.md).")
    ] = False,
) -> None:
    """Tag the gold tokens and score exact entity spans (conlleval-style)."""
    module = _component("rasad.eval.ner")
    path = _existing(gold, "gold file")
    if anercorp_convention and not wojood:
        raise UsageError("--anercorp-convention only applies with --wojood")
    window = None if sentence_level else module.DOCUMENT_WINDOW
    result = (module.evaluate_wojood(path, anercorp_convention=anercorp_convention, document_window=window)
              if wojood else module.evaluate(path, document_window=window))
    _print_result(result, as_json, module)


@eval_app.command("names")
def eval_names(
    gold: Annotated[Path, typer.Argument(help="`arabic<TAB>latin` lines.")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Character error rate and exact-match rate of the English name renderer."""
    module = _component("rasad.eval.names")
    _print_result(module.evaluate(_existing(gold, "gold file")), as_json, module)


@eval_app.command("time")
def eval_time(
    directory: Annotated[Path, typer.Argument(help="Directory of TimeML .tml files.")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
    published: Annotated[
        str | None, typer.Option("--published", help="Reference date for files without a document creation time.")
    ] = None,
) -> None:
    """Extent P/R/F1 (strict and relaxed), type and value accuracy of time expressions."""
    module = _component("rasad.eval.time")
    ref = _check_date(published)
    result = module.evaluate(_existing(directory, "directory"), default_published=date.fromisoformat(ref) if ref else None)
    _print_result(result, as_json, module)


@eval_app.command("events")
def eval_events(
    files: Annotated[list[Path], typer.Argument(help="OEDA validation XML files.")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Event type recall and actor/target overlap on gold event sentences."""
    module = _component("rasad.eval.events")
    _print_result(module.evaluate([_existing(f, "gold file") for f in files]), as_json, module)


@eval_app.command("claims")
def eval_claims(
    gold: Annotated[Path, typer.Argument(help="Claims gold JSON (see docs/claims.md).")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Precision/recall of attributions on source + content overlap."""
    module = _component("rasad.eval.claims")
    _print_result(module.evaluate(_existing(gold, "gold file")), as_json, module)


@train_app.command("ner")
def train_ner(
    train: Annotated[Path, typer.Option("--train", help="Training CoNLL file.")],
    out: Annotated[Path, typer.Option("--out", help="Output model directory.")],
    dev: Annotated[Path | None, typer.Option("--dev", help="Dev CoNLL file (default: the end of --train).")] = None,
    unlabeled: Annotated[
        Path | None, typer.Option("--unlabeled", help="Unlabeled corpus directory for word clusters.")
    ] = None,
    vectors: Annotated[
        Path | None, typer.Option("--vectors", help="Word vectors (.npy): with --unlabeled, where to keep the "
                                  "induced vectors; without it, reuse them to rebuild the neighbour lexicon.")
    ] = None,
    teacher: Annotated[
        Path | None, typer.Option("--teacher", help="Distil from this neural model (rasad train ner-neural) in "
                                  "ensemble with --teacher-crf: it tags --silver-from articles as extra data.")
    ] = None,
    teacher_crf: Annotated[Path | None, typer.Option("--teacher-crf", help="The teacher network's CRF dir.")] = None,
    silver_from: Annotated[
        Path | None, typer.Option("--silver-from", help="Unlabeled corpus (dir of *.json) the teacher tags.")
    ] = None,
    silver_articles: Annotated[int, typer.Option("--silver-articles", help="Articles the teacher tags.")] = 2000,
) -> None:
    """Train the NER tagger (reproduces the shipped model from ../shared data)."""
    if (teacher is None) != (teacher_crf is None) or (teacher is None) != (silver_from is None):
        raise UsageError("--teacher, --teacher-crf and --silver-from go together")
    module = _component("rasad.train.ner")
    pair = (_existing(teacher, "teacher model"), _existing(teacher_crf, "teacher CRF")) if teacher and teacher_crf \
        else None
    result = module.train(_existing(train, "training file"), dev, out, unlabeled_dir=unlabeled,
                          vectors=vectors if unlabeled or vectors is None else _existing(vectors, "vectors file"),
                          teacher=pair, silver_dir=_existing(silver_from, "silver corpus") if silver_from else None,
                          silver_articles=silver_articles)
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2))


@train_app.command("ner-neural")
def train_ner_neural(
    train: Annotated[Path, typer.Option("--train", help="Training CoNLL file.")],
    vectors: Annotated[Path, typer.Option("--vectors", help="Word vectors (.npy) aligned with the CRF's clusters.")],
    out: Annotated[Path, typer.Option("--out", help="Output model directory.")],
    crf_dir: Annotated[Path | None, typer.Option("--crf-dir", help="CRF model directory whose featurizer and "
                                                 "lexicons the network reads (default: the shipped CRF).")] = None,
    dev: Annotated[bool, typer.Option("--dev", help="Train on the first 90% and score the last 10%.")] = False,
    seed: Annotated[int, typer.Option("--seed")] = 2,
    epochs: Annotated[int, typer.Option("--epochs")] = 20,
    encoder: Annotated[str, typer.Option("--encoder", help="lstm (the shipped network) or cnn (dilated "
                                         "convolutions: faster, ~1 point less accurate on dev)")] = "lstm",
    conv_width: Annotated[int, typer.Option("--conv-width", help="Channels of the cnn encoder.")] = 200,
) -> None:
    """Train the BiLSTM-CRF (or CNN-CRF) network of the accurate NER ensemble (needs the `train` extra: torch)."""
    if encoder not in ("lstm", "cnn"):
        raise UsageError(f"--encoder must be lstm or cnn, not {encoder!r}")
    try:
        import torch  # noqa: F401
    except ImportError:
        raise UsageError("rasad train ner-neural needs torch at training time: pip install 'rasad[train]'") from None
    module = _component("rasad.train.ner_neural")
    params = {"seed": seed, "epochs": epochs, "lr_decay": "linear", "encoder": encoder, "conv_width": conv_width}
    result = module.train(_existing(train, "training file"), _existing(vectors, "vectors file"), out,
                          _existing(crf_dir, "CRF model directory") if crf_dir else module.CRF_MODEL_DIR,
                          params, dev)
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2))


@train_app.command("names")
def train_names(
    data: Annotated[Path, typer.Option("--data", help="The names data directory (../shared/data/names).")],
    out: Annotated[Path, typer.Option("--out", help="Output model directory.")],
) -> None:
    """Train the Arabic → Latin name renderer."""
    module = _component("rasad.train.names")
    typer.echo(json.dumps(module.train(_existing(data, "data directory"), out), ensure_ascii=False, indent=2))


@train_app.command("vocab")
def train_vocab(
    corpus: Annotated[Path, typer.Option("--corpus", help="Unlabeled corpus (directory of JSON/JSONL).")],
    out: Annotated[Path, typer.Option("--out", help="Output vocab.tsv.gz.")],
) -> None:
    """Count the word-frequency vocabulary that drives clitic segmentation."""
    from rasad.train.vocab import train

    typer.echo(json.dumps(train(_existing(corpus, "corpus"), out), indent=2))


# Commands defined in this module. `rasad analyze` is the latency-critical path and never needs the corpus
# commands, whose module imports the store (and through it datasketch and scipy: ~0.8 s of start-up), so those
# are registered only when the command line may ask for them (any other command, or none: --help lists all).
_CORE_COMMANDS = frozenset({"analyze", "version", "train", "eval"})
_corpus_registered = False


def _needs_corpus_commands(argv: list[str]) -> bool:
    command = next((a for a in argv if not a.startswith("-")), None)
    return command not in _CORE_COMMANDS


def _register_corpus_commands() -> None:
    global _corpus_registered
    if _corpus_registered:
        return
    _corpus_registered = True
    try:
        module = importlib.import_module("rasad.cli_corpus")
    except ModuleNotFoundError as exc:
        if exc.name != "rasad.cli_corpus":
            raise
        return
    module.register(app)


if _needs_corpus_commands(sys.argv[1:]):
    _register_corpus_commands()


# The pipeline's matrices are tiny (CRF label scores, name-transliteration GRU steps): BLAS worker threads only
# add start-up and spin on the other cores (~5% more CPU for identical output on the bench corpus). rasad scales
# out by processes, so the command line runs BLAS single-threaded unless the user asked otherwise. Set before any
# stage imports numpy; an explicit setting in the environment wins.
_SINGLE_THREADED_MATH = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def main(argv: list[str] | None = None) -> None:
    """Console entry point: usage errors are handled by typer; RasadErrors become one-line messages."""
    for name in _SINGLE_THREADED_MATH:
        os.environ.setdefault(name, "1")
    if _needs_corpus_commands(sys.argv[1:] if argv is None else argv):
        _register_corpus_commands()
    try:
        app(args=argv, prog_name="rasad")
    except RasadError as exc:
        _err(f"rasad: error[{exc.code}]: {exc.message}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _err("rasad: interrupted")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # anything unexpected: one line, no traceback unless asked for
        if os.environ.get("RASAD_DEBUG"):
            raise
        _err(f"rasad: internal error: {type(exc).__name__}: {exc} (set RASAD_DEBUG=1 for a traceback)")
        sys.exit(1)
