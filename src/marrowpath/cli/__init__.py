"""The ``marrowpath`` command line: a thin adapter over the core functions.

Each command module defines ``register(app)``; errors of the core become one clear line on
stderr and exit code 2 (bad input) or 1 (anything else refused).
"""

from __future__ import annotations

import importlib

import typer

__all__ = ["app", "main"]

app = typer.Typer(
    name="marrowpath",
    help="Clinical decision support for bone marrow edema. "
    "Decision support for qualified professionals, not a diagnosis.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# One line per command module; each module owns its commands.
_COMMAND_MODULES = [
    "marrowpath.cli.kb",
    "marrowpath.cli.assess",
    "marrowpath.cli.plan",
    "marrowpath.cli.episode",
    "marrowpath.cli.measure",
    "marrowpath.cli.read",
    "marrowpath.cli.serve",
    "marrowpath.cli.token",
    "marrowpath.cli.user",
]

for _name in _COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    """Entry point of the console script."""
    app()
