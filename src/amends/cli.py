"""The ``amends`` command: run the desk, manage users and tokens, load demo data, batch language jobs.

Each command is thin: it sets Django up (when it needs the database), calls one service, prints.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Annotated, TextIO

import typer

app = typer.Typer(help="Amends, the service recovery desk.", no_args_is_help=True, add_completion=False)
user_app = typer.Typer(help="Desk users.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens.", no_args_is_help=True)
playbook_app = typer.Typer(help="Recovery playbooks.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")
app.add_typer(playbook_app, name="playbook")
email_app = typer.Typer(help="Inbound email.", no_args_is_help=True)
app.add_typer(email_app, name="email")


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amends.settings")
    import django

    django.setup()


def _fail(message: str) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(1)


def _migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)
    from amends.playbooks.services import playbook_ensure_default

    playbook_ensure_default()


@app.command()
def migrate() -> None:
    """Create or update the database schema and load the default playbook."""
    _django()
    _migrate(verbosity=1)
    typer.echo("Database is up to date.")


@app.command()
def run(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="AMENDS_PORT", help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Web worker processes.")] = 2,
    threads: Annotated[int, typer.Option(help="Threads per web worker.")] = 4,
    jobs: Annotated[bool, typer.Option(help="Run the job worker in this process too.")] = True,
) -> None:
    """Migrate, then serve the desk and API (gunicorn) with the job worker alongside."""
    _django()
    _migrate()
    from amends.server import serve

    typer.echo(f"Amends is at http://{host}:{port}/  (admin: /admin/, API docs: /api/v1/docs)")
    serve(host=host, port=port, workers=workers, threads=threads, with_jobs=jobs)


@app.command()
def worker(
    threads: Annotated[int, typer.Option(help="Worker threads.")] = 2,
    scheduler: Annotated[bool, typer.Option(help="Also run the periodic scheduler (run it in one worker only).")]
    = True,
) -> None:
    """Run a job worker process only (for scale-out)."""
    _django()
    from amends.server import run_worker

    run_worker(threads=threads, scheduler=scheduler)


@app.command()
def demo(
    cases: Annotated[int, typer.Option(help="How many cases to create.")] = 120,
    seed: Annotated[int, typer.Option(help="Random seed, for a repeatable data set.")] = 7,
) -> None:
    """Load a realistic demo data set and print how to sign in."""
    _django()
    _migrate()
    from amends.demo import load_demo

    summary = load_demo(cases=cases, seed=seed)
    typer.echo(summary)


@user_app.command("create")
def user_create(
    name: str,
    role: Annotated[str, typer.Option(help="agent, manager or admin.")] = "agent",
    limit: Annotated[str | None, typer.Option(help="Remedy authority limit (money).")] = None,
    password: Annotated[str | None, typer.Option(help="Password for the web desk (prompted if --prompt).")] = None,
    prompt: Annotated[bool, typer.Option(help="Ask for a password interactively.")] = False,
    email: Annotated[str, typer.Option(help="Email address.")] = "",
) -> None:
    """Create a desk user."""
    _django()
    from amends.accounts.services import user_create as create
    from amends.core.errors import AmendsError

    if prompt and not password:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create(username=name, role=role, limit=limit, password=password, email=email)
    except AmendsError as exc:
        _fail(exc.message)
        return
    typer.echo(f"Created {user.role} {user.username} with a remedy limit of {user.remedy_limit}.")


@token_app.command("create")
def token_create(name: str, label: Annotated[str, typer.Option(help="What the token is for.")] = "") -> None:
    """Print a new API token for user NAME (only its hash is stored)."""
    _django()
    from amends.accounts.services import token_create as create
    from amends.core.errors import AmendsError

    try:
        _, raw = create(username=name, name=label)
    except AmendsError as exc:
        _fail(exc.message)
        return
    typer.echo(raw)


@playbook_app.command("load")
def playbook_load(path: Path, default: Annotated[bool, typer.Option(help="Make it the default.")] = False) -> None:
    """Load (or replace) a playbook from a YAML file."""
    _django()
    from amends.core.errors import AmendsError
    from amends.playbooks.services import playbook_load as load

    try:
        playbook = load(text=path.read_text(encoding="utf-8"), make_default=default or None)
    except (AmendsError, OSError, UnicodeDecodeError) as exc:
        _fail(getattr(exc, "message", str(exc)))
        return
    typer.echo(f"Loaded playbook {playbook.key!r} with {playbook.steps.count()} steps.")


# sysexits.h codes a mail server understands: 65 bounces the message, 75 keeps it and retries later.
EX_DATAERR = 65
EX_TEMPFAIL = 75


@email_app.command("receive")
def email_receive(
    file: Annotated[Path | None, typer.Option("--file", "-f", help="The raw email (default: read stdin).")] = None,
) -> None:
    """Take one raw RFC 822 email (a file or stdin, e.g. a Postfix pipe or fetchmail --mda) onto its case."""
    _django()
    from django.conf import settings

    from amends.core.errors import AmendsError
    from amends.outbox.services import inbound_email_receive

    limit = settings.INBOUND_EMAIL_MAX_BYTES
    try:
        if file is None:
            raw = sys.stdin.buffer.read(limit + 1)
        else:
            with file.open("rb") as handle:
                raw = handle.read(limit + 1)
    except OSError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(EX_TEMPFAIL) from exc
    try:
        inbound = inbound_email_receive(raw=raw)
    except AmendsError as exc:
        typer.secho(f"error: {exc.message}", fg=typer.colors.RED, err=True)
        raise typer.Exit(EX_DATAERR) from exc
    except Exception as exc:  # noqa: BLE001 - the database or a bug: let the mail server keep it and retry
        typer.secho(f"error: the email could not be taken now ({type(exc).__name__}: {exc}).",
                    fg=typer.colors.RED, err=True)
        raise typer.Exit(EX_TEMPFAIL) from exc
    verb = "Opened case" if inbound.status == "opened" else "Added to case"
    typer.echo(f"{verb} #{inbound.case_id} (inbound email #{inbound.pk}).")


InputOpt = Annotated[str, typer.Option("--input", "-i", help="JSONL file, or - for stdin.")]
OutputOpt = Annotated[str, typer.Option("--output", "-o", help="JSONL file, or - for stdout.")]


def _run_batch(runner: Callable[[TextIO, TextIO, TextIO], int], input_path: str, output_path: str) -> None:
    """Open the JSONL streams (a bad path is a clear error), run one batch runner, exit with its status."""
    try:
        # A line that is not valid UTF-8 becomes a per-line result, not a crash of the whole run.
        inp = sys.stdin if input_path == "-" else open(input_path, encoding="utf-8", errors="replace")  # noqa: SIM115
        out = sys.stdout if output_path == "-" else open(output_path, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        _fail(str(exc))
        return
    try:
        code = runner(inp, out, sys.stderr)
    finally:
        for stream in (inp, out):
            if stream not in (sys.stdin, sys.stdout):
                stream.close()
    raise typer.Exit(code)


@app.command()
def analyze(
    input: InputOpt = "-",
    output: OutputOpt = "-",
    fast: Annotated[
        bool,
        typer.Option(
            "--fast",
            help="Linear heads only, without the fine-tuned encoder: about four times the messages per "
            "second, at lower accuracy (docs/language.md).",
        ),
    ] = False,
    to_business: Annotated[
        bool,
        typer.Option(
            "--to-business",
            help="The texts were sent to your business (an inbox export, say): a report of harm or a legal "
            "threat is then always a complaint.",
        ),
    ] = False,
) -> None:
    """Batch analysis: JSONL {"id", "text"} in, one analysis per line out."""
    from amends.language.batch import run_analyze

    _run_batch(partial(run_analyze, fast=fast, to_business=to_business), input, output)


@app.command()
def coach(input: InputOpt = "-", output: OutputOpt = "-") -> None:
    """Batch reply coaching: JSONL {"id", "reply", "customer_message"?} in, one coaching per line out."""
    from amends.language.batch import run_coach

    _run_batch(run_coach, input, output)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
