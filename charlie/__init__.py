"""Charlie: an open-source, self-hosted HR and digitalisation platform for Danish municipalities."""
