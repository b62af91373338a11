"""Where a command's games run: ``--backend`` and ``--address`` (see ``analysis.executor``)."""

from __future__ import annotations

from ..errors import CoalitionError


def add_backend_options(p) -> None:
    """``--backend`` and ``--address``: where the games run (see ``analysis.executor``)."""
    p.add_argument(
        "--backend",
        choices=("local", "ray"),
        default="local",
        help="local: --jobs processes on this machine (default); ray: Ray tasks on a cluster "
        "(--address or RAY_ADDRESS; else a local Ray with --jobs CPUs); the results are the same",
    )
    p.add_argument("--address", help="the Ray cluster to use with --backend ray (default: RAY_ADDRESS)")


def executor_of(args, game=None):
    """The executor the command's options ask for (the compiled game reused in this process)."""
    from ..analysis.executor import LocalPool, make_executor

    if args.jobs < 1:
        raise CoalitionError("--jobs must be at least 1")
    if args.address and args.backend != "ray":
        raise CoalitionError("--address is for --backend ray")
    if args.backend == "local":
        return LocalPool(args.jobs, compiled={0: game} if game is not None else None)
    return make_executor(args.backend, args.jobs, args.address)
