"""The subcommands of ``charlie wellbeing`` (``management/commands/wellbeing.py`` dispatches to
them): each module has ``HELP``, ``add_arguments(parser)`` and ``run(options, out)``."""
