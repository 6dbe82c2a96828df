"""The subcommands of ``charlie learning`` (``management/commands/learning.py`` dispatches to
them): each module has ``HELP``, ``add_arguments(parser)`` and ``run(options, out)``."""
