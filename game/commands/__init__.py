"""The CLI's subcommands, one module per family; each module's ``register(subparsers)`` adds its
commands. ``game.cli`` builds the parser from ``MODULES`` in this order."""

from . import authoring, replay, scenario, sim, study, window

MODULES = (window, scenario, authoring, sim, study, replay)
