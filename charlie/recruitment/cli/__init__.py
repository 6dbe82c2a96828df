"""The subcommands of ``charlie recruitment`` (``management/commands/recruitment.py`` dispatches
to them): each module has ``HELP``, ``add_arguments(parser)`` and ``run(options, out)``."""
